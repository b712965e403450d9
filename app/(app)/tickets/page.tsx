import { TicketsTable } from '@/components/tickets/tickets-table';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { assigneeField, OVERDUE_FIELD } from '@/components/findings/list-filter-fields';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { assignableUsers } from '@/lib/findings/find-finding';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';
import { listTicketsPage, ticketsQuerySchema } from '@/lib/tickets/list-tickets';
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from '@/lib/tickets/ticket-statuses';

export const dynamic = 'force-dynamic';

function filterFields(assignees: { id: string; name: string }[]): FilterField[] {
  return [
    { kind: 'select', name: 'status', label: 'Status', emptyLabel: 'Active (open, in progress)', options: [{ value: 'all', label: 'All' }, ...TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] }))] },
    OVERDUE_FIELD,
    { kind: 'search', name: 'q', label: 'Title', placeholder: 'contains…' },
    assigneeField(assignees, 'My tickets'),
  ];
}

export default async function TicketsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('tickets:view');
  const parsed = parseListQuery(ticketsQuerySchema, await searchParams);
  const { query } = parsed;
  const [page, assignees] = await Promise.all([listTicketsPage(user.organizationId, query, user.id), assignableUsers(user.organizationId)]);
  const values = { status: query.status === 'active' ? undefined : query.status, overdue: query.overdue, q: query.q, assigneeId: query.assigneeId };
  return (
    <>
      <PageTitle title="Remediation tickets">A ticket groups findings; it closes only when a later scan has resolved every one of them.</PageTitle>
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      <TableFilters label="Filter tickets" fields={filterFields(assignees)} values={values} keep={{ sort: query.sort, dir: query.dir, size: query.size }} />
      <TicketsTable rows={page.rows} total={page.total} state={{ page: page.page, size: page.size, sort: query.sort, dir: query.dir }} />
    </>
  );
}
