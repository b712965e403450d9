import Link from 'next/link';
import { InstancesTable } from '@/components/dashboard/instances-table';
import { MyFindingsPanel } from '@/components/dashboard/my-findings-panel';
import { ScanNowButton } from '@/components/scans/scan-now-button';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { PLATFORMS } from '@/lib/controls/types';
import { hasActiveSelfHosted, INSTANCE_PROVIDERS, instancesQuerySchema, listInstancesPage } from '@/lib/inventory/list-instances';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';
import { startScanAction } from './actions';

export const dynamic = 'force-dynamic';

const FILTERS: FilterField[] = [
  { kind: 'search', name: 'q', label: 'Name or endpoint', placeholder: 'contains…' },
  { kind: 'select', name: 'provider', label: 'Provider', options: INSTANCE_PROVIDERS.map((p) => ({ value: p, label: p })) },
  { kind: 'select', name: 'platform', label: 'Platform', options: PLATFORMS.map((p) => ({ value: p, label: p })) },
  { kind: 'search', name: 'account', label: 'Account / project (exact)' },
  { kind: 'search', name: 'region', label: 'Region (exact)' },
  {
    kind: 'select',
    name: 'status',
    label: 'Latest results',
    options: [
      { value: 'failing', label: 'Failing a control' },
      { value: 'not_assessed', label: 'Some control not assessed' },
      { value: 'unscanned', label: 'Never scanned' },
    ],
  },
  { kind: 'select', name: 'state', label: 'Inventory', emptyLabel: 'Active', options: [{ value: 'gone', label: 'Gone' }, { value: 'all', label: 'Active and gone' }] },
];

// The engineer's landing page (HOME_BY_ROLE): their findings queue, then the inventory.
export default async function InstancesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('instances:view');
  const parsed = parseListQuery(instancesQuerySchema, await searchParams);
  const { query } = parsed;
  const [page, scannable] = await Promise.all([listInstancesPage(user.organizationId, query), can(user.role, 'scans:run') ? hasActiveSelfHosted(user.organizationId) : false]);
  const filtered = Object.keys(query).some((k) => !['page', 'size', 'sort', 'dir', 'state'].includes(k) && query[k as keyof typeof query] !== undefined) || query.state !== 'active';
  return (
    <>
      <PageTitle title="Instances">Every Redis and Valkey in the inventory, with its latest assessment.</PageTitle>
      {user.role === 'engineer' ? <MyFindingsPanel organizationId={user.organizationId} userId={user.id} /> : null}
      {scannable ? (
        <div className="mb-4">
          <ScanNowButton label="Scan all self-hosted instances" start={startScanAction} />
        </div>
      ) : null}
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      <TableFilters label="Filter instances" fields={FILTERS} values={{ ...query, state: query.state === 'active' ? undefined : query.state }} keep={{ sort: query.sort, dir: query.dir, size: query.size, environment: query.environment }} />
      <InstancesTable
        rows={page.rows}
        total={page.total}
        state={{ page: page.page, size: page.size, sort: query.sort, dir: query.dir }}
        empty={
          filtered ? (
            <EmptyState title="No instances match">
              <Link href="/instances" className="text-sky-800 underline">
                Clear the filters
              </Link>{' '}
              to see the whole inventory.
            </EmptyState>
          ) : (
            <EmptyState title="The inventory is empty">
              {can(user.role, 'connections:view') ? (
                <>
                  Register a self-hosted target or a cloud account on the{' '}
                  <Link href="/connections" className="text-sky-800 underline">
                    Connections
                  </Link>{' '}
                  page to start.
                </>
              ) : (
                'Nothing has been inventoried yet.'
              )}
            </EmptyState>
          )
        }
      />
    </>
  );
}
