import { FindingsFilters } from '@/components/findings/findings-filters';
import { FindingsTable } from '@/components/findings/findings-table';
import { OverdueBadge } from '@/components/findings/badges';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { findingFiltersSchema, listFindings } from '@/lib/findings/list-findings';

export const dynamic = 'force-dynamic';

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage('findings:view');
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = findingFiltersSchema.safeParse({ state: one(params.state), severity: one(params.severity), overdue: one(params.overdue), instanceId: one(params.instanceId) || undefined });
  const filters = parsed.success ? parsed.data : findingFiltersSchema.parse({});
  const mine = one(params.mine) === '1';
  const rows = await listFindings(user.organizationId, { ...filters, assigneeId: mine ? user.id : undefined });
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <>
      <PageTitle title="Findings">
        One finding per instance and control while it fails. Due dates come from the severity SLA at first detection; only a passing scan resolves a finding.
      </PageTitle>
      {!parsed.success ? (
        <p role="alert" className="mb-2 text-sm text-red-800">
          Some filters were not understood and were reset ({parsed.error.issues[0].path.join('.')}: {parsed.error.issues[0].message}).
        </p>
      ) : null}
      <FindingsFilters filters={filters} mine={mine} />
      <p className="mb-2 flex items-center gap-2 text-sm text-slate-700">
        {rows.length} finding{rows.length === 1 ? '' : 's'} {overdue ? <OverdueBadge count={overdue} /> : null}
      </p>
      {rows.length ? <FindingsTable rows={rows} caption="Findings matching the filters" /> : <EmptyState title="No findings match">Change the filters, or scan instances to evaluate their controls.</EmptyState>}
    </>
  );
}
