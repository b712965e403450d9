// Change detection after a snapshot is stored (RED-PRC-006): the watched settings of the new
// snapshot against their last known values; a difference becomes a ConfigChange row, and a value
// that returns to what it was before its open changes closes them as reverted.
import type { FactsSnapshot } from '../controls/context';
import type { Prisma } from '../db/client';
import { settingChanges, watchedSettings, type WatchedSettings } from './watched-settings';

type Tx = Prisma.TransactionClient;

/** Snapshots merged for the last known values: one that missed an area (CONFIG timed out) does not hide it. */
const LOOKBACK = 5;

const areaOf = (field: string) => field.split(' ')[0];

function lastKnown(snapshotsOldestFirst: WatchedSettings[]): WatchedSettings {
  let known: WatchedSettings = {};
  for (const settings of snapshotsOldestFirst) {
    const areas = new Set(Object.keys(settings).map(areaOf));
    known = Object.fromEntries(Object.entries(known).filter(([field]) => !areas.has(areaOf(field))));
    Object.assign(known, settings);
  }
  return known;
}

export interface DetectConfigChangesInput {
  instanceId: string;
  snapshotId: string;
  collectedAt: Date;
  facts: FactsSnapshot;
}

export async function detectConfigChanges(tx: Tx, input: DetectConfigChangesInput): Promise<number> {
  const previous = await tx.factsSnapshot.findMany({
    where: { instanceId: input.instanceId, collectedAt: { lt: input.collectedAt }, id: { not: input.snapshotId } },
    orderBy: { collectedAt: 'desc' },
    take: LOOKBACK,
    select: { facts: true, platform: true },
  });
  const comparable = previous.filter((s) => s.platform === input.facts.platform).reverse();
  if (comparable.length === 0) return 0; // the first snapshot is the baseline
  const before = lastKnown(comparable.map((s) => watchedSettings(s.facts as unknown as FactsSnapshot)));
  const changes = settingChanges(before, watchedSettings(input.facts));
  let created = 0;
  for (const change of changes) {
    const open = await tx.configChange.findMany({ where: { instanceId: input.instanceId, field: change.field, revertedAt: null }, orderBy: { detectedAt: 'asc' } });
    if (open.length && open[0].before === change.after) {
      await tx.configChange.updateMany({ where: { id: { in: open.map((c) => c.id) } }, data: { revertedAt: input.collectedAt } });
      continue;
    }
    await tx.configChange.create({ data: { instanceId: input.instanceId, snapshotId: input.snapshotId, field: change.field, before: change.before, after: change.after, detectedAt: input.collectedAt } });
    created += 1;
  }
  return created;
}
