// Rebuilds an organisation's LatestControlResult rows and daily rollup from every stored result —
// after a restore, a bug fix, or on a database that predates the rollups. Replays results in
// evaluation order exactly as recordInstancePosture applies them, so both produce the same rows.
import { db, type Prisma } from '../db/client';
import { lockOrganizationPosture } from './posture-lock';
import { utcDay } from './day';
import { addCounts, emptyCounts, isControlStatus, toRollup, type StatusCounts } from './status-counts';

const INSTANCES_PER_READ = 100;
const ROWS_PER_WRITE = 5_000;
/** One transaction for the whole organisation: scans that store meanwhile wait for its lock. */
const REBUILD_TIMEOUT_MS = 60 * 60_000;

export interface RebuildSummary {
  organizationId: string;
  instances: number;
  results: number;
  days: number;
}

type Tx = Prisma.TransactionClient;
type DayDeltas = Map<string, Map<string, StatusCounts>>;

async function createInChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) await write(rows.slice(i, i + ROWS_PER_WRITE));
}

function addDelta(deltas: DayDeltas, day: string, controlId: string, from: string | undefined, to: string | undefined) {
  const dayDeltas = deltas.get(day) ?? new Map<string, StatusCounts>();
  deltas.set(day, dayDeltas);
  const delta = dayDeltas.get(controlId) ?? emptyCounts();
  dayDeltas.set(controlId, delta);
  if (from) delta[from as keyof StatusCounts] -= 1;
  if (to) delta[to as keyof StatusCounts] += 1;
}

/**
 * Reads one batch of instances' results, writes their latest rows, and adds their status changes
 * per day. A gone instance leaves the posture on the day it went (as removeInstancePosture does).
 */
async function replayInstances(tx: Tx, organizationId: string, instances: { id: string; goneAt: Date | null }[], deltas: DayDeltas): Promise<number> {
  const rows = await tx.controlResult.findMany({
    where: { instanceId: { in: instances.map((i) => i.id) } },
    select: { instanceId: true, controlId: true, status: true, severity: true, snapshotId: true, evaluatedAt: true },
    orderBy: [{ evaluatedAt: 'asc' }, { id: 'asc' }],
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (!isControlStatus(r.status)) continue;
    const key = `${r.instanceId}\u0000${r.controlId}`;
    const before = latest.get(key);
    latest.set(key, r);
    if (before?.status !== r.status) addDelta(deltas, utcDay(r.evaluatedAt), r.controlId, before?.status, r.status);
  }
  const goneAt = new Map(instances.filter((i) => i.goneAt).map((i) => [i.id, i.goneAt!]));
  for (const r of latest.values()) {
    const gone = goneAt.get(r.instanceId);
    if (gone) addDelta(deltas, utcDay(gone), r.controlId, r.status, undefined);
  }
  const current = [...latest.values()].filter((r) => !goneAt.has(r.instanceId));
  await createInChunks(current, (chunk) => tx.latestControlResult.createMany({ data: chunk.map((r) => ({ organizationId, ...r })) }));
  return rows.length;
}

/** Running totals per control, written for every day on which some status changed. */
async function writeDays(tx: Tx, organizationId: string, deltas: DayDeltas): Promise<number> {
  const running = new Map<string, StatusCounts>();
  const days = [...deltas.keys()].sort();
  let pending: Prisma.PostureDailyCreateManyInput[] = [];
  for (const day of days) {
    for (const [controlId, delta] of deltas.get(day)!) {
      const counts = running.get(controlId) ?? emptyCounts();
      running.set(controlId, addCounts(counts, delta));
    }
    for (const [controlId, counts] of running) pending.push({ organizationId, day, controlId, ...toRollup(counts) });
    if (pending.length >= ROWS_PER_WRITE) {
      await tx.postureDaily.createMany({ data: pending });
      pending = [];
    }
  }
  if (pending.length) await tx.postureDaily.createMany({ data: pending });
  return days.length;
}

export async function rebuildPostureRollups(organizationId: string): Promise<RebuildSummary> {
  return db().$transaction(
    async (tx) => {
      await lockOrganizationPosture(tx, organizationId);
      await tx.latestControlResult.deleteMany({ where: { organizationId } });
      await tx.postureDaily.deleteMany({ where: { organizationId } });
      const instances = await tx.instance.findMany({ where: { organizationId }, select: { id: true, goneAt: true }, orderBy: { id: 'asc' } });
      const deltas: DayDeltas = new Map();
      let results = 0;
      for (let i = 0; i < instances.length; i += INSTANCES_PER_READ) {
        results += await replayInstances(tx, organizationId, instances.slice(i, i + INSTANCES_PER_READ), deltas);
      }
      const days = await writeDays(tx, organizationId, deltas);
      return { organizationId, instances: instances.length, results, days };
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 60_000 },
  );
}

export async function rebuildAllPostureRollups(): Promise<RebuildSummary[]> {
  const organizations = await db().organization.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } });
  const out: RebuildSummary[] = [];
  for (const org of organizations) out.push(await rebuildPostureRollups(org.id));
  return out;
}
