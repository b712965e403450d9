'use client';
// The tickets list (/tickets) on the shared server-paginated table.
import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { day, OverdueBadge } from '@/components/findings/badges';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { TicketRow } from '@/lib/tickets/list-tickets';
import { TicketStatusBadge } from './ticket-status-badge';

const helper = createColumnHelper<typeof dataTableFeatures, TicketRow>();

const columns = helper.columns([
  helper.accessor('title', {
    id: 'title',
    header: 'Title',
    cell: ({ row }) => (
      <Link href={`/tickets/${row.original.id}`} className="text-sky-800 underline">
        {row.original.title}
      </Link>
    ),
  }),
  helper.accessor('status', { id: 'status', header: 'Status', cell: ({ getValue }) => <TicketStatusBadge status={getValue()} /> }),
  helper.accessor('findings', { id: 'findings', header: 'Findings', cell: ({ row }) => `${row.original.findings} (${row.original.unresolvedFindings} not resolved)` }),
  helper.accessor((t) => t.assignee?.name ?? null, { id: 'assignee', header: 'Assignee', cell: ({ getValue }) => getValue() ?? '—' }),
  helper.accessor('dueAt', {
    id: 'due',
    header: 'Due',
    cell: ({ row }) => (
      <span className="whitespace-nowrap">
        {day(row.original.dueAt)} {row.original.overdue ? <OverdueBadge /> : null}
      </span>
    ),
  }),
]);

const empty = <EmptyState title="No tickets">Open a ticket from a finding&apos;s page, or change the filters.</EmptyState>;

export function TicketsTable(props: { rows: TicketRow[]; total: number; state: DataTableState }) {
  return <DataTable {...props} columns={columns} caption="Tickets" getRowId={(r) => r.id} rowTestId="ticket-row" empty={empty} />;
}
