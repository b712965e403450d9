import Link from 'next/link';
import { InventoryFilters } from '@/components/cloud/inventory-filters';
import { InventoryGroups } from '@/components/cloud/inventory-groups';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { inventoryFacets, inventoryFilterSchema, listInventory } from '@/lib/cloud-scans/list-inventory';

export const dynamic = 'force-dynamic';

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage('instances:view');
  const raw = await searchParams;
  const filter = inventoryFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const [groups, facets] = await Promise.all([listInventory(user.organizationId, filter), inventoryFacets(user.organizationId)]);
  return (
    <>
      <PageTitle title="Cloud inventory">
        Every ElastiCache, ElastiCache Serverless and Memorystore resource the cloud scans found, by account and region, with its history.
      </PageTitle>
      <InventoryFilters filter={filter} accounts={facets.accounts} regions={facets.regions} />
      {groups.length === 0 ? (
        <EmptyState title="Nothing in the cloud inventory matches">
          Add an AWS account or Google Cloud projects on the <Link href="/connections" className="text-sky-800 underline">Connections</Link> page and scan it, or widen the filters.
        </EmptyState>
      ) : (
        <InventoryGroups groups={groups} />
      )}
    </>
  );
}
