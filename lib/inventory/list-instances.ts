import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { CONTROL_STATUSES, PLATFORMS, type ControlStatus } from '../controls/types';
import { pageQueryShape, pageWindow, type Page } from '../paging/page-query';
import { containsText } from '../paging/text-filter';
import { emptyCounts, type StatusCounts } from '../posture/status-counts';

/** Active self-hosted instances by name, for pickers (e.g. a schedule's target). */
export async function listSelfHostedOptions(organizationId: string): Promise<{ id: string; name: string }[]> {
  return db().instance.findMany({ where: { organizationId, platform: 'self', goneAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

// ---------------------------------------------------------------------------------------------
// The instances list, a page at a time (sorted, filtered and paged in the database), with each
// instance's latest results counted from LatestControlResult.

export const INSTANCE_SORTS = ['name', 'provider', 'platform', 'region', 'lastSeen'] as const;
export const INSTANCE_PROVIDERS = ['self', 'aws', 'gcp'] as const;
export const INSTANCE_RESULT_FILTERS = ['failing', 'not_assessed', 'unscanned'] as const;

export const instancesQuerySchema = z.object({
  ...pageQueryShape(INSTANCE_SORTS, 'name', 'asc'),
  q: z.string().max(100, 'q (name or endpoint search) must be at most 100 characters').optional(),
  provider: z.enum(INSTANCE_PROVIDERS, { error: `provider must be one of ${INSTANCE_PROVIDERS.join(', ')}` }).optional(),
  platform: z.enum(PLATFORMS, { error: `platform must be one of ${PLATFORMS.join(', ')}` }).optional(),
  account: z.string().max(128, 'account must be at most 128 characters').optional(),
  region: z.string().max(64, 'region must be at most 64 characters').optional(),
  environment: z.string().max(64, 'environment must be at most 64 characters').optional(),
  state: z.enum(['active', 'gone', 'all'], { error: 'state must be one of active, gone, all' }).default('active'),
  status: z.enum(INSTANCE_RESULT_FILTERS, { error: `status must be one of ${INSTANCE_RESULT_FILTERS.join(', ')}` }).optional(),
});
export type InstancesQuery = z.infer<typeof instancesQuerySchema>;

export interface InstanceListRow {
  id: string;
  name: string;
  provider: string;
  platform: string;
  account: string | null;
  region: string | null;
  resourceId: string;
  engine: string | null;
  engineVersion: string | null;
  environment: string | null;
  lastSeenAt: string;
  goneAt: string | null;
  /** Latest result per control, by status (null: never scanned). */
  counts: StatusCounts | null;
}

function instancesWhere(organizationId: string, q: InstancesQuery): Prisma.InstanceWhereInput {
  const where: Prisma.InstanceWhereInput = { organizationId };
  if (q.state === 'active') where.goneAt = null;
  if (q.state === 'gone') where.goneAt = { not: null };
  if (q.provider) where.provider = q.provider;
  if (q.platform) where.platform = q.platform;
  if (q.account) where.account = q.account;
  if (q.region) where.region = q.region;
  if (q.environment) where.environment = q.environment;
  if (q.q) where.OR = [{ name: containsText(q.q) }, { resourceId: containsText(q.q) }];
  if (q.status === 'failing') where.latestResults = { some: { status: 'fail' } };
  if (q.status === 'not_assessed') where.latestResults = { some: { status: { in: ['error', 'not_assessable'] } } };
  if (q.status === 'unscanned') where.latestResults = { none: {} };
  return where;
}

const INSTANCE_ORDER: Record<InstancesQuery['sort'], (dir: 'asc' | 'desc') => Prisma.InstanceOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }, { id: 'asc' }],
  provider: (dir) => [{ provider: dir }, { account: dir }, { name: 'asc' }],
  platform: (dir) => [{ platform: dir }, { name: 'asc' }],
  region: (dir) => [{ region: dir }, { name: 'asc' }],
  lastSeen: (dir) => [{ lastSeenAt: dir }, { name: 'asc' }],
};

export async function listInstancesPage(organizationId: string, query: InstancesQuery): Promise<Page<InstanceListRow>> {
  const where = instancesWhere(organizationId, query);
  const total = await db().instance.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const instances = await db().instance.findMany({ where, orderBy: INSTANCE_ORDER[query.sort](query.dir), skip, take: query.size });
  const grouped = instances.length
    ? await db().latestControlResult.groupBy({ by: ['instanceId', 'status'], where: { instanceId: { in: instances.map((i) => i.id) } }, _count: { _all: true } })
    : [];
  const counts = new Map<string, StatusCounts>();
  for (const g of grouped) {
    const c = counts.get(g.instanceId) ?? emptyCounts();
    if ((CONTROL_STATUSES as readonly string[]).includes(g.status)) c[g.status as ControlStatus] = g._count._all;
    counts.set(g.instanceId, c);
  }
  const rows = instances.map((i) => ({
    id: i.id,
    name: i.name,
    provider: i.provider,
    platform: i.platform,
    account: i.account,
    region: i.region,
    resourceId: i.resourceId,
    engine: i.engine,
    engineVersion: i.engineVersion,
    environment: i.environment,
    lastSeenAt: i.lastSeenAt.toISOString(),
    goneAt: i.goneAt?.toISOString() ?? null,
    counts: counts.get(i.id) ?? null,
  }));
  return { rows, total, page, size: query.size };
}

/** Whether "Scan all self-hosted instances" has anything to scan. */
export async function hasActiveSelfHosted(organizationId: string): Promise<boolean> {
  return (await db().instance.count({ where: { organizationId, platform: 'self', goneAt: null } })) > 0;
}
