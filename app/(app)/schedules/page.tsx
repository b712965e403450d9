import { ActionForm } from '@/components/findings/action-form';
import { minute } from '@/components/findings/badges';
import { ScanNowButton } from '@/components/scans/scan-now-button';
import { CreateScheduleForm } from '@/components/schedules/create-schedule-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listConnections } from '@/lib/connections/list-connections';
import { listInstances } from '@/lib/inventory/list-instances';
import { listSchedules } from '@/lib/scheduler/manage-schedules';
import { createScheduleAction, runScheduleNowAction, updateScheduleAction } from './actions';

export const dynamic = 'force-dynamic';

const duration = (ms: number | null) => (ms === null ? '—' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export default async function SchedulesPage() {
  const user = await requirePage('schedules:view');
  const manage = can(user.role, 'schedules:manage');
  const schedules = await listSchedules(user.organizationId);
  const [connections, instances] = manage ? await Promise.all([listConnections(user.organizationId), listInstances(user.organizationId)]) : [[], []];
  return (
    <>
      <PageTitle title="Scheduled scans">
        Cron schedules per target group, in the schedule&apos;s time zone. {process.env.QUEUE_REDIS_URL ? 'Runs are queued for the worker processes.' : 'Runs execute inside the app.'} One scan per instance at a time.
      </PageTitle>
      {manage ? (
        <CreateScheduleForm
          action={createScheduleAction}
          connections={connections.map((c) => ({ id: c.id, name: `${c.name} (${c.kind})` }))}
          instances={instances.filter((i) => i.platform === 'self' && !i.goneAt).map((i) => ({ id: i.id, name: i.name }))}
        />
      ) : null}
      {schedules.length === 0 ? (
        <EmptyState title="No schedules yet">{manage ? 'Create one above, e.g. "0 3 * * *" for every night at 03:00.' : 'An engineer, officer or administrator can create one.'}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Schedules</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Target</th>
                <th scope="col" className="px-3 py-2">Next run</th>
                <th scope="col" className="px-3 py-2">Last run</th>
                <th scope="col" className="px-3 py-2">Duration</th>
                <th scope="col" className="px-3 py-2">Outcome</th>
                {manage ? <th scope="col" className="px-3 py-2">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <tr key={s.id} className="border-t border-slate-200 align-top" data-testid="schedule-row">
                  <td className="px-3 py-2 font-medium">
                    {s.name}
                    {s.enabled ? null : <span className="ml-1 text-xs text-slate-600">(disabled)</span>}
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-mono text-xs">{s.cron}</span> {s.timezone}
                  </td>
                  <td className="px-3 py-2">{s.target}</td>
                  <td className="px-3 py-2">{minute(s.nextRunAt)}</td>
                  <td className="px-3 py-2">{s.lastRun ? `${minute(s.lastRun.startedAt ?? s.lastRun.createdAt)} (${s.lastRun.trigger})` : 'never'}</td>
                  <td className="px-3 py-2">{s.lastRun ? duration(s.lastRun.durationMs) : '—'}</td>
                  <td className="px-3 py-2" data-testid="schedule-outcome">
                    {s.lastRun ? `${s.lastRun.status}${s.lastRun.errors ? ` · ${s.lastRun.errors} error${s.lastRun.errors === 1 ? '' : 's'}` : ''}` : '—'}
                  </td>
                  {manage ? (
                    <td className="px-3 py-2">
                      <div className="flex flex-col gap-2">
                        <ScanNowButton label="Run now" start={runScheduleNowAction.bind(null, s.id)} />
                        <ActionForm action={updateScheduleAction} hidden={{ scheduleId: s.id, action: s.enabled ? 'disable' : 'enable' }} submitLabel={s.enabled ? 'Disable' : 'Enable'} label={`${s.enabled ? 'Disable' : 'Enable'} ${s.name}`} tone="secondary" />
                        <ActionForm action={updateScheduleAction} hidden={{ scheduleId: s.id, action: 'delete' }} submitLabel="Delete" label={`Delete ${s.name}`} tone="danger" />
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
