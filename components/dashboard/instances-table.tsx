'use client';
// The instances list: every Redis/Valkey in the inventory with its latest results by status.
import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import { StatusBadge } from '@/components/ui/status-badge';
import type { InstanceListRow } from '@/lib/inventory/list-instances';
import type { ReactNode } from 'react';

const helper = createColumnHelper<typeof dataTableFeatures, InstanceListRow>();

const columns = helper.columns([
  helper.accessor('name', {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => (
      <>
        <Link href={`/instances/${row.original.id}`} className="font-medium text-sky-800 underline">
          {row.original.name}
        </Link>
        {row.original.goneAt ? <span className="block text-xs text-slate-700">gone since {row.original.goneAt.slice(0, 10)}</span> : null}
      </>
    ),
  }),
  helper.accessor('platform', { id: 'platform', header: 'Platform' }),
  helper.accessor('provider', {
    id: 'provider',
    header: 'Provider / account',
    cell: ({ row }) => (
      <>
        {row.original.provider}
        {row.original.account ? <span className="block font-mono text-xs">{row.original.account}</span> : null}
      </>
    ),
  }),
  helper.accessor('region', { id: 'region', header: 'Region', cell: ({ getValue }) => getValue() ?? '—' }),
  helper.accessor('resourceId', { id: 'resource', header: 'Endpoint / resource', enableSorting: false, cell: ({ getValue }) => <span className="font-mono text-xs break-all">{getValue()}</span> }),
  helper.accessor('engine', {
    id: 'engine',
    header: 'Engine',
    enableSorting: false,
    cell: ({ row }) => (row.original.engine ? `${row.original.engine} ${row.original.engineVersion ?? ''}` : '—'),
  }),
  helper.accessor('environment', { id: 'environment', header: 'Environment', enableSorting: false, cell: ({ getValue }) => getValue() ?? '—' }),
  helper.display({
    id: 'assessment',
    header: 'Latest assessment',
    cell: ({ row }) => {
      const c = row.original.counts;
      if (!c) return <span className="text-slate-700">Not scanned yet</span>;
      return (
        <div className="flex flex-wrap gap-1">
          <StatusBadge status="fail" count={c.fail} />
          <StatusBadge status="pass" count={c.pass} />
          {c.error + c.not_assessable > 0 ? <StatusBadge status="not_assessable" count={c.error + c.not_assessable} /> : null}
        </div>
      );
    },
  }),
  helper.accessor('lastSeenAt', { id: 'lastSeen', header: 'Last seen (UTC)', cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{getValue().replace('T', ' ').slice(0, 16)}</span> }),
]);

export function InstancesTable({ rows, total, state, empty }: { rows: InstanceListRow[]; total: number; state: DataTableState; empty: ReactNode }) {
  return <DataTable columns={columns} rows={rows} total={total} state={state} caption="Inventoried instances" getRowId={(r) => r.id} rowTestId="instance-row" empty={empty} />;
}
