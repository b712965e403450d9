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

/** Reads one batch of instances' results, writes their latest rows, and adds their status changes per day. */
async function replayInstances(tx: Tx, organizationId: string, instanceIds: string[], deltas: DayDeltas): Promise<number> {
  const rows = await tx.controlResult.findMany({
    where: { instanceId: { in: instanceIds } },
    select: { instanceId: true, controlId: true, status: true, severity: true, snapshotId: true, evaluatedAt: true },
    orderBy: [{ evaluatedAt: 'asc' }, { id: 'asc' }],
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (!isControlStatus(r.status)) continue;
    const key = `${r.instanceId}\u0000${r.controlId}`;
    const before = latest.get(key);
    latest.set(key, r);
    if (before?.status === r.status) continue;
    const day = utcDay(r.evaluatedAt);
    const dayDeltas = deltas.get(day) ?? new Map<string, StatusCounts>();
    deltas.set(day, dayDeltas);
    const delta = dayDeltas.get(r.controlId) ?? emptyCounts();
    dayDeltas.set(r.controlId, delta);
    if (before) delta[before.status as keyof StatusCounts] -= 1;
    delta[r.status] += 1;
  }
  await createInChunks([...latest.values()], (chunk) => tx.latestControlResult.createMany({ data: chunk.map((r) => ({ organizationId, ...r })) }));
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
      const instanceIds = (await tx.instance.findMany({ where: { organizationId }, select: { id: true }, orderBy: { id: 'asc' } })).map((i) => i.id);
      const deltas: DayDeltas = new Map();
      let results = 0;
      for (let i = 0; i < instanceIds.length; i += INSTANCES_PER_READ) {
        results += await replayInstances(tx, organizationId, instanceIds.slice(i, i + INSTANCES_PER_READ), deltas);
      }
      const days = await writeDays(tx, organizationId, deltas);
      return { organizationId, instances: instanceIds.length, results, days };
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
