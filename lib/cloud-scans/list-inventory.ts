// The cloud inventory for the Inventory page: every AWS / Google resource the scans found (gone
// ones too, on request), grouped by provider → account or project → region or location, with each
// resource's latest control statuses and its latest inventory change. Filters are validated by zod.
import { z } from 'zod';
import { resolveEnvironment } from '@/lib/controls/support/inventory';
import { CONTROL_STATUSES, type ControlStatus } from '@/lib/controls/types';
import { db, type Prisma } from '@/lib/db/client';
import { containsText } from '@/lib/paging/text-filter';
import { emptyCounts, type StatusCounts } from '@/lib/posture/status-counts';
import { organizationThresholds } from '@/lib/scan-runs/organization-thresholds';

export const inventoryFilterSchema = z.object({
  provider: z.enum(['aws', 'gcp']).optional().catch(undefined),
  account: z.string().trim().max(100).optional().catch(undefined),
  region: z.string().trim().max(60).optional().catch(undefined),
  platform: z.enum(['ec', 'ecs', 'ms']).optional().catch(undefined),
  state: z.enum(['present', 'gone', 'all']).default('present').catch('present'),
  q: z.string().trim().max(200).optional().catch(undefined),
});
export type InventoryFilter = z.infer<typeof inventoryFilterSchema>;

export interface InventoryResource {
  id: string;
  name: string;
  platform: string;
  resourceId: string;
  engine: string | null;
  environment: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  goneAt: Date | null;
  counts: StatusCounts | null;
  lastChange: { kind: string; at: Date } | null;
}

export interface InventoryGroup {
  provider: string;
  account: string;
  region: string;
  resources: InventoryResource[];
}

/** The values the filters offer (every provider, account and region seen). */
export async function inventoryFacets(organizationId: string) {
  const rows = await db().instance.findMany({ where: { organizationId, provider: { in: ['aws', 'gcp'] } }, select: { account: true, region: true }, distinct: ['account', 'region'] });
  return { accounts: [...new Set(rows.flatMap((r) => r.account ?? []))].sort(), regions: [...new Set(rows.flatMap((r) => r.region ?? []))].sort() };
}

export async function listInventory(organizationId: string, filter: InventoryFilter): Promise<InventoryGroup[]> {
  const organization = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { settings: true } });
  // Environment shown as the controls resolve it: the app-side override, else the tags.
  const thresholds = organizationThresholds(organization.settings);
  const where: Prisma.InstanceWhereInput = {
    organizationId,
    provider: filter.provider ?? { in: ['aws', 'gcp'] },
    ...(filter.account ? { account: filter.account } : {}),
    ...(filter.region ? { region: filter.region } : {}),
    ...(filter.platform ? { platform: filter.platform } : {}),
    ...(filter.state === 'present' ? { goneAt: null } : filter.state === 'gone' ? { goneAt: { not: null } } : {}),
    ...(filter.q ? { OR: [{ name: containsText(filter.q) }, { resourceId: containsText(filter.q) }] } : {}),
  };
  const instances = await db().instance.findMany({
    where,
    orderBy: [{ provider: 'asc' }, { account: 'asc' }, { region: 'asc' }, { name: 'asc' }],
    include: { changes: { orderBy: { at: 'desc' }, take: 1, select: { kind: true, at: true } } },
    take: 2000,
  });
  const statuses = instances.length
    ? await db().latestControlResult.groupBy({ by: ['instanceId', 'status'], where: { instanceId: { in: instances.map((i) => i.id) } }, _count: { _all: true } })
    : [];
  const groups = new Map<string, InventoryGroup>();
  for (const i of instances) {
    const key = `${i.provider}\u0000${i.account}\u0000${i.region}`;
    const group = groups.get(key) ?? { provider: i.provider, account: i.account ?? '—', region: i.region ?? '—', resources: [] };
    groups.set(key, group);
    const own = statuses.filter((s) => s.instanceId === i.id);
    const counts = own.length ? emptyCounts() : null;
    for (const s of own) if (counts && (CONTROL_STATUSES as readonly string[]).includes(s.status)) counts[s.status as ControlStatus] = s._count._all;
    const environment = resolveEnvironment({ environment: i.environment ?? undefined, tags: i.tags as Record<string, string> }, { thresholds }).value;
    group.resources.push({
      id: i.id,
      name: i.name,
      platform: i.platform,
      resourceId: i.resourceId,
      engine: i.engine ? `${i.engine} ${i.engineVersion ?? ''}`.trim() : null,
      environment,
      firstSeenAt: i.firstSeenAt,
      lastSeenAt: i.lastSeenAt,
      goneAt: i.goneAt,
      counts,
      lastChange: i.changes[0] ?? null,
    });
  }
  return [...groups.values()];
}

/** An instance's inventory history (new / changed fields / gone), newest first. */
export async function instanceHistory(organizationId: string, instanceId: string) {
  return db().instanceChange.findMany({
    where: { instanceId, instance: { organizationId } },
    orderBy: { at: 'desc' },
    take: 100,
    select: { id: true, kind: true, fields: true, at: true, scanRunId: true },
  });
}
