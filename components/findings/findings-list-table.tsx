'use client';
// The findings list (/findings) on the shared server-paginated table.
import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import type { FindingRow } from '@/lib/findings/list-findings';
import { SeverityBadge } from './badges';
import { ControlCell, DueCell, LatestResultCell, StateCell, TicketCell } from './finding-cells';

const helper = createColumnHelper<typeof dataTableFeatures, FindingRow>();

const columns = helper.columns([
  helper.accessor('controlId', { id: 'control', header: 'Control', cell: ({ row }) => <ControlCell finding={row.original} /> }),
  helper.accessor((f) => f.instance.name, {
    id: 'instance',
    header: 'Instance',
    cell: ({ row }) => (
      <Link href={`/instances/${row.original.instance.id}`} className="text-sky-800 underline">
        {row.original.instance.name}
      </Link>
    ),
  }),
  helper.accessor('severity', { id: 'severity', header: 'Severity', sortDescFirst: true, cell: ({ getValue }) => <SeverityBadge severity={getValue()} /> }),
  helper.accessor('state', { id: 'state', header: 'State', cell: ({ row }) => <StateCell finding={row.original} /> }),
  helper.accessor('dueAt', { id: 'due', header: 'Due', cell: ({ row }) => <DueCell finding={row.original} /> }),
  helper.accessor('lastStatus', { id: 'latest', header: 'Latest result', enableSorting: false, cell: ({ row }) => <LatestResultCell finding={row.original} /> }),
  helper.accessor((f) => f.assignee?.name ?? null, { id: 'assignee', header: 'Assignee', cell: ({ getValue }) => getValue() ?? '—' }),
  helper.accessor((f) => f.ticket?.title ?? null, { id: 'ticket', header: 'Ticket', enableSorting: false, cell: ({ row }) => <TicketCell finding={row.original} /> }),
]);

export function FindingsListTable(props: { rows: FindingRow[]; total: number; state: DataTableState; empty: ReactNode }) {
  return <DataTable {...props} columns={columns} caption="Findings matching the filters" getRowId={(r) => r.id} rowTestId="finding-row" />;
}
