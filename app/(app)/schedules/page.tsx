import { CreateScheduleForm } from '@/components/schedules/create-schedule-form';
import { SchedulesTable } from '@/components/schedules/schedules-table';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listConnections } from '@/lib/connections/list-connections';
import { listSelfHostedOptions } from '@/lib/inventory/list-instances';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';
import { listSchedulesPage, schedulesQuerySchema } from '@/lib/scheduler/list-schedules';
import { TARGET_TYPES } from '@/lib/scheduler/target-group';
import { createScheduleAction, runScheduleNowAction, updateScheduleAction } from './actions';

export const dynamic = 'force-dynamic';

const FILTERS: FilterField[] = [
  { kind: 'search', name: 'q', label: 'Name', placeholder: 'contains…' },
  { kind: 'select', name: 'enabled', label: 'State', emptyLabel: 'Enabled and disabled', options: [{ value: 'yes', label: 'Enabled' }, { value: 'no', label: 'Disabled' }] },
  { kind: 'select', name: 'target', label: 'Target', options: TARGET_TYPES.map((t) => ({ value: t, label: t === 'all' ? 'all self-hosted instances' : t })) },
];

export default async function SchedulesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('schedules:view');
  const manage = can(user.role, 'schedules:manage');
  const parsed = parseListQuery(schedulesQuerySchema, await searchParams);
  const { query } = parsed;
  const page = await listSchedulesPage(user.organizationId, query);
  const [connections, instances] = manage ? await Promise.all([listConnections(user.organizationId), listSelfHostedOptions(user.organizationId)]) : [[], []];
  const filtered = Boolean(query.q || query.enabled || query.target);
  return (
    <>
      <PageTitle title="Scheduled scans">
        Cron schedules per target group, in the schedule&apos;s time zone. {process.env.QUEUE_REDIS_URL ? 'Runs are queued for the worker processes.' : 'Runs execute inside the app.'} One scan per instance at a time.
      </PageTitle>
      {manage ? (
        <CreateScheduleForm
          action={createScheduleAction}
          connections={connections.map((c) => ({ id: c.id, name: `${c.name} (${c.kind})` }))}
          instances={instances}
        />
      ) : null}
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      <TableFilters label="Filter schedules" fields={FILTERS} values={query} keep={{ sort: query.sort, dir: query.dir, size: query.size }} />
      <SchedulesTable
        rows={page.rows}
        total={page.total}
        state={{ page: page.page, size: page.size, sort: query.sort, dir: query.dir }}
        actions={manage ? { run: runScheduleNowAction, update: updateScheduleAction } : null}
        emptyHint={
          filtered ? 'No schedule matches the filters.' : manage ? 'Create one above, e.g. "0 3 * * *" for every night at 03:00.' : 'An engineer, officer or administrator can create one.'
        }
      />
    </>
  );
}
