// Inventory counts by provider, account and region (instances not gone), for the officer home.
import { db } from '../db/client';

export interface InventoryGroup {
  provider: string;
  platform: string;
  account: string | null;
  region: string | null;
  instances: number;
}

export interface InventoryBreakdown {
  total: number;
  groups: InventoryGroup[];
}

export async function inventoryBreakdown(organizationId: string): Promise<InventoryBreakdown> {
  const rows = await db().instance.groupBy({ by: ['provider', 'platform', 'account', 'region'], where: { organizationId, goneAt: null }, _count: { _all: true } });
  const groups = rows
    .map((r) => ({ provider: r.provider, platform: r.platform, account: r.account, region: r.region, instances: r._count._all }))
    .sort((a, b) => b.instances - a.instances || a.provider.localeCompare(b.provider) || (a.account ?? '').localeCompare(b.account ?? '') || (a.region ?? '').localeCompare(b.region ?? ''));
  return { total: groups.reduce((sum, g) => sum + g.instances, 0), groups };
}
