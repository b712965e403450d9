'use client';
// The audit log list: who did what to which target, with the outcome.
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { AuditRow } from '@/lib/audit-log/list-audit-entries';

const helper = createColumnHelper<typeof dataTableFeatures, AuditRow>();

const OUTCOME_STYLES: Record<string, string> = {
  success: 'text-emerald-900',
  denied: 'font-semibold text-red-900',
  error: 'font-semibold text-amber-900',
};

const columns = helper.columns([
  helper.accessor('at', { id: 'at', header: 'Time (UTC)', cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{getValue().replace('T', ' ').slice(0, 19)}</span> }),
  helper.accessor('actor', { id: 'actor', header: 'Who' }),
  helper.accessor('action', { id: 'action', header: 'Action', cell: ({ getValue }) => <span className="font-mono text-xs">{getValue()}</span> }),
  helper.accessor('target', { id: 'target', header: 'Target', enableSorting: false, cell: ({ getValue }) => <span className="text-xs break-all">{getValue() ?? '—'}</span> }),
  helper.accessor('outcome', { id: 'outcome', header: 'Outcome', cell: ({ getValue }) => <span className={OUTCOME_STYLES[getValue()] ?? ''}>{getValue()}</span> }),
  helper.accessor('detail', { id: 'detail', header: 'Detail', enableSorting: false, cell: ({ getValue }) => <span className="block max-w-md font-mono text-xs break-all">{getValue() ?? '—'}</span> }),
]);

export function AuditLogTable({ rows, total, state }: { rows: AuditRow[]; total: number; state: DataTableState }) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      state={state}
      caption="Audit log entries"
      getRowId={(r) => r.id}
      rowTestId="audit-row"
      empty={<EmptyState title="No entries match">Clear or widen the filters (an auditor sees only entries inside their access window).</EmptyState>}
    />
  );
}
