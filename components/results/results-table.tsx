'use client';
// The results explorer's table: which instance, which control, its status and the evidence the
// verdict rests on (each pointer opens the stored facts snapshot at that fact).
import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ControlStatus } from '@/lib/controls/types';
import type { ResultRow } from '@/lib/posture/list-results';
import { EvidenceLink } from './evidence-link';

const EVIDENCE_SHOWN = 3;
const helper = createColumnHelper<typeof dataTableFeatures, ResultRow>();

const columns = helper.columns([
  helper.accessor('instanceName', {
    id: 'instance',
    header: 'Instance',
    cell: ({ row }) => (
      <>
        <Link href={`/instances/${row.original.instanceId}`} className="font-medium text-sky-800 underline">
          {row.original.instanceName}
        </Link>
        <span className="block text-xs text-slate-600">{row.original.platform}</span>
      </>
    ),
  }),
  helper.accessor('controlId', {
    id: 'control',
    header: 'Control',
    cell: ({ row }) => (
      <>
        <span className="font-mono text-xs">{row.original.controlId}</span>
        <span className="block">{row.original.title}</span>
      </>
    ),
  }),
  helper.accessor('status', {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => (
      <>
        <StatusBadge status={row.original.status as ControlStatus} />
        {row.original.reason ? <span className="mt-1 block max-w-xs text-xs text-slate-700">{row.original.reason}</span> : null}
      </>
    ),
  }),
  helper.accessor('severity', { id: 'severity', header: 'Severity', enableSorting: false }),
  helper.accessor('evaluatedAt', {
    id: 'evaluatedAt',
    header: 'Evaluated (UTC)',
    cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{getValue().replace('T', ' ').slice(0, 19)}</span>,
  }),
  helper.display({
    id: 'evidence',
    header: 'Evidence',
    cell: ({ row }) => {
      const refs = row.original.evidenceRefs;
      return (
        <div className="flex max-w-xs flex-col gap-1">
          {refs.slice(0, EVIDENCE_SHOWN).map((ref) => (
            <EvidenceLink key={ref} reference={ref} />
          ))}
          {refs.length > EVIDENCE_SHOWN ? <span className="text-xs text-slate-700">and {refs.length - EVIDENCE_SHOWN} more on the instance page</span> : null}
          {refs.length === 0 && row.original.snapshotId ? (
            <Link href={`/snapshots/${row.original.snapshotId}`} className="text-xs text-sky-800 underline">
              facts snapshot
            </Link>
          ) : null}
          {refs.length === 0 && !row.original.snapshotId ? <span className="text-xs text-slate-700">none stored</span> : null}
        </div>
      );
    },
  }),
]);

export function ResultsTable({ rows, total, state, caption }: { rows: ResultRow[]; total: number; state: DataTableState; caption: string }) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      state={state}
      caption={caption}
      getRowId={(r) => r.key}
      rowTestId="result-row"
      empty={
        <EmptyState title="No results match">
          Clear or widen the filters. If nothing has been scanned yet, run a scan from the <Link href="/instances" className="text-sky-800 underline">Instances</Link> page.
        </EmptyState>
      }
    />
  );
}
