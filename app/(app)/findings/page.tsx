import Link from 'next/link';
import { FindingsListTable } from '@/components/findings/findings-list-table';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { assigneeField, OVERDUE_FIELD } from '@/components/findings/list-filter-fields';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { CATALOG } from '@/lib/controls/catalog';
import { SEVERITIES } from '@/lib/controls/types';
import { assignableUsers } from '@/lib/findings/find-finding';
import { FINDING_STATE_LABELS, FINDING_STATES } from '@/lib/findings/lifecycle';
import { findingsQuerySchema, listFindingsPage } from '@/lib/findings/list-findings';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';

export const dynamic = 'force-dynamic';

function filterFields(assignees: { id: string; name: string }[]): FilterField[] {
  return [
    { kind: 'select', name: 'state', label: 'State', emptyLabel: 'Active (open, acknowledged, in remediation, reopened)', options: [{ value: 'all', label: 'All' }, ...FINDING_STATES.map((s) => ({ value: s, label: FINDING_STATE_LABELS[s] }))] },
    { kind: 'select', name: 'severity', label: 'Severity', options: SEVERITIES.map((s) => ({ value: s, label: s })) },
    OVERDUE_FIELD,
    { kind: 'select', name: 'control', label: 'Control', options: CATALOG.map((c) => ({ value: c.id, label: `${c.id} ${c.title}`.slice(0, 80) })) },
    { kind: 'search', name: 'q', label: 'Instance name', placeholder: 'contains…' },
    assigneeField(assignees, 'My findings'),
  ];
}

export default async function FindingsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('findings:view');
  const parsed = parseListQuery(findingsQuerySchema, await searchParams);
  const { query } = parsed;
  const [page, assignees] = await Promise.all([listFindingsPage(user.organizationId, query, user.id), assignableUsers(user.organizationId)]);
  const { sort, dir, size, instanceId } = query;
  const filters = { state: query.state, severity: query.severity, overdue: query.overdue, control: query.control, q: query.q, assigneeId: query.assigneeId };
  const withoutInstance = new URLSearchParams(Object.entries({ ...filters, sort, dir, size }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  return (
    <>
      <PageTitle title="Findings">
        One finding per instance and control while it fails. Due dates come from the severity SLA at first detection; only a passing scan resolves a finding.
      </PageTitle>
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      {instanceId ? (
        <p className="mb-2 text-sm">
          Findings of one instance.{' '}
          <Link href={`/findings?${withoutInstance.toString()}`} className="text-sky-800 underline">
            Show every instance
          </Link>
        </p>
      ) : null}
      <TableFilters label="Filter findings" fields={filterFields(assignees)} values={{ ...filters, state: filters.state === 'active' ? undefined : filters.state }} keep={{ sort, dir, size, instanceId }} />
      <FindingsListTable
        rows={page.rows}
        total={page.total}
        state={{ page: page.page, size: page.size, sort, dir }}
        empty={<EmptyState title="No findings match">Change the filters, or scan instances to evaluate their controls.</EmptyState>}
      />
    </>
  );
}
