import { db } from '../db/client';
import { CONTROL_STATUSES, type ControlStatus } from '../controls/types';

export type StatusCounts = Record<ControlStatus, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export interface InstanceRow {
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
  lastSeenAt: Date;
  goneAt: Date | null;
  lastAssessedAt: Date | null;
  counts: StatusCounts | null;
}

/** Inventory with each instance's latest assessment counts (null when never scanned). */
export async function listInstances(organizationId: string): Promise<InstanceRow[]> {
  const instances = await db().instance.findMany({
    where: { organizationId },
    orderBy: [{ provider: 'asc' }, { name: 'asc' }],
    include: { snapshots: { orderBy: { collectedAt: 'desc' }, take: 1, select: { id: true, collectedAt: true } } },
  });
  const latest = instances.flatMap((i) => i.snapshots.map((s) => s.id));
  const grouped = latest.length
    ? await db().controlResult.groupBy({ by: ['snapshotId', 'status'], where: { snapshotId: { in: latest } }, _count: { _all: true } })
    : [];
  return instances.map((i) => {
    const snapshot = i.snapshots[0];
    let counts: StatusCounts | null = null;
    if (snapshot) {
      counts = emptyCounts();
      for (const g of grouped.filter((row) => row.snapshotId === snapshot.id)) counts[g.status as ControlStatus] = g._count._all;
    }
    return {
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
      lastSeenAt: i.lastSeenAt,
      goneAt: i.goneAt,
      lastAssessedAt: snapshot?.collectedAt ?? null,
      counts,
    };
  });
}
