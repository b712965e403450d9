import { AuditLogTable } from '@/components/dashboard/audit-log-table';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { AUDIT_OUTCOMES, auditQuerySchema, listAuditEntriesPage } from '@/lib/audit-log/list-audit-entries';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';
import { viewerWindow } from '@/lib/posture/viewer-window';

export const dynamic = 'force-dynamic';

const FILTERS: FilterField[] = [
  { kind: 'search', name: 'action', label: 'Action', placeholder: 'e.g. scan.start' },
  { kind: 'search', name: 'actor', label: 'Who (e-mail)', placeholder: 'contains…' },
  { kind: 'select', name: 'outcome', label: 'Outcome', options: AUDIT_OUTCOMES.map((o) => ({ value: o, label: o })) },
  { kind: 'date', name: 'from', label: 'From (UTC)' },
  { kind: 'date', name: 'to', label: 'To (UTC)' },
];

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('audit-log:view');
  const parsed = parseListQuery(auditQuerySchema, await searchParams);
  const window = await viewerWindow(user);
  const page = await listAuditEntriesPage(user.organizationId, parsed.query, window);
  const { query } = parsed;
  return (
    <>
      <PageTitle title="Audit log">
        Who did what in this app, and with what outcome. The log is hash-chained: `redis-compliance audit-log verify` names the first altered or missing entry.
        {window ? ` Entries inside your access window (${window.fromDay ?? 'open'} to ${window.toDay}).` : ''}
      </PageTitle>
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      <TableFilters label="Filter the audit log" fields={FILTERS} values={query} keep={{ sort: query.sort, dir: query.dir, size: query.size }} />
      <AuditLogTable rows={page.rows} total={page.total} state={{ page: page.page, size: page.size, sort: query.sort, dir: query.dir }} />
    </>
  );
}
