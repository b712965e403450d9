import { ResultsFilters } from '@/components/results/results-filters';
import { ResultsTable } from '@/components/results/results-table';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';
import { listResults } from '@/lib/posture/list-results';
import { resultsQuerySchema } from '@/lib/posture/results-query';
import { viewerWindow } from '@/lib/posture/viewer-window';

export const dynamic = 'force-dynamic';

// The results explorer: the instances and results behind any number on the dashboards
// (/results?requirement=164.312(b)&status=fail …), each with the evidence it was decided on.
export default async function ResultsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('results:view');
  const parsed = parseListQuery(resultsQuerySchema, await searchParams);
  const window = await viewerWindow(user);
  const page = await listResults(user.organizationId, parsed.query, window);
  const { query } = parsed;
  const scope = page.mode === 'latest' ? 'each instance’s latest result per control' : `every result evaluated ${page.period!.from} to ${page.period!.to} (UTC)`;
  return (
    <>
      <PageTitle title="Results explorer">
        Control results behind the dashboard figures: {scope}. Open an instance for its results by requirement, or a pointer for the stored facts the verdict rests on.
      </PageTitle>
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      {page.notice ? (
        <p role="status" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {page.notice}
        </p>
      ) : null}
      <ResultsFilters query={query} period={page.period} />
      {page.mode === 'latest' ? <p className="mb-2 text-sm text-slate-700">Set a period (from / to) to list every result evaluated in it instead of the latest ones.</p> : null}
      <ResultsTable rows={page.rows} total={page.total} state={{ page: page.page, size: page.size, sort: query.sort, dir: query.dir }} caption={`Results: ${scope}`} />
    </>
  );
}
