'use client';
// The schedules list (/schedules) on the shared server-paginated table; managers get the actions.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { StartScanState } from '@/app/(app)/instances/actions';
import { ActionForm, type FormAction } from '@/components/findings/action-form';
import { minute } from '@/components/findings/badges';
import { ScanNowButton } from '@/components/scans/scan-now-button';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { ScheduleRow } from '@/lib/scheduler/list-schedules';

const helper = createColumnHelper<typeof dataTableFeatures, ScheduleRow>();

const duration = (ms: number | null) => (ms === null ? '—' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export interface ScheduleActions {
  run: (scheduleId: string) => Promise<StartScanState>;
  update: FormAction;
}

function columnsFor(actions: ScheduleActions | null) {
  return helper.columns([
    helper.accessor('name', {
      id: 'name',
      header: 'Name',
      cell: ({ row }) => (
        <span className="font-medium">
          {row.original.name}
          {row.original.enabled ? null : <span className="ml-1 text-xs font-normal text-slate-600">(disabled)</span>}
        </span>
      ),
    }),
    helper.accessor('cron', {
      id: 'when',
      header: 'When',
      enableSorting: false,
      cell: ({ row }) => (
        <>
          <span className="font-mono text-xs">{row.original.cron}</span> {row.original.timezone}
        </>
      ),
    }),
    helper.accessor('target', { id: 'target', header: 'Target' }),
    helper.accessor('nextRunAt', { id: 'next', header: 'Next run', cell: ({ getValue }) => minute(getValue()) }),
    helper.accessor((s) => s.lastRun?.startedAt ?? s.lastRun?.createdAt ?? null, {
      id: 'last',
      header: 'Last run',
      cell: ({ row }) => (row.original.lastRun ? `${minute(row.original.lastRun.startedAt ?? row.original.lastRun.createdAt)} (${row.original.lastRun.trigger})` : 'never'),
    }),
    helper.accessor((s) => s.lastRun?.durationMs ?? null, { id: 'duration', header: 'Duration', enableSorting: false, cell: ({ getValue }) => duration(getValue()) }),
    helper.display({
      id: 'outcome',
      header: 'Outcome',
      cell: ({ row }) => {
        const run = row.original.lastRun;
        return <span data-testid="schedule-outcome">{run ? `${run.status}${run.errors ? ` · ${run.errors} error${run.errors === 1 ? '' : 's'}` : ''}` : '—'}</span>;
      },
    }),
    ...(actions
      ? [
          helper.display({
            id: 'actions',
            header: 'Actions',
            cell: ({ row }) => {
              const s = row.original;
              return (
                <div className="flex flex-col gap-2">
                  <ScanNowButton label="Run now" start={actions.run.bind(null, s.id)} />
                  <ActionForm action={actions.update} hidden={{ scheduleId: s.id, action: s.enabled ? 'disable' : 'enable' }} submitLabel={s.enabled ? 'Disable' : 'Enable'} label={`${s.enabled ? 'Disable' : 'Enable'} ${s.name}`} tone="secondary" />
                  <ActionForm action={actions.update} hidden={{ scheduleId: s.id, action: 'delete' }} submitLabel="Delete" label={`Delete ${s.name}`} tone="danger" />
                </div>
              );
            },
          }),
        ]
      : []),
  ]);
}

export function SchedulesTable({ actions, emptyHint, ...page }: { rows: ScheduleRow[]; total: number; state: DataTableState; actions: ScheduleActions | null; emptyHint: string }) {
  const columns = useMemo(() => columnsFor(actions), [actions]);
  return <DataTable {...page} columns={columns} caption="Schedules" getRowId={(r) => r.id} rowTestId="schedule-row" empty={<EmptyState title="No schedules">{emptyHint}</EmptyState>} />;
}
