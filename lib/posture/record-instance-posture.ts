// Called once per instance from the scan's store transaction (lib/scan-runs/execute-scan-run.ts),
// after its results are written: updates the instance's latest result per control and moves the
// organisation's rollup for the day by the statuses that changed. Idempotent: a result that is not
// newer than the latest one recorded changes nothing (resumed runs, retries).
import type { Prisma } from '../db/client';
import { applyRollupDeltas } from './apply-rollup-deltas';
import { utcDay } from './day';
import { emptyCounts, isControlStatus, type StatusCounts } from './status-counts';

export interface StoredInstanceResults {
  instanceId: string;
  snapshotId: string | null;
  evaluatedAt: Date;
  results: readonly { controlId: string; status: string; severity: string }[];
}

export async function recordInstancePosture(tx: Prisma.TransactionClient, input: StoredInstanceResults): Promise<void> {
  const { organizationId } = await tx.instance.findUniqueOrThrow({ where: { id: input.instanceId }, select: { organizationId: true } });
  const previous = new Map(
    (await tx.latestControlResult.findMany({ where: { instanceId: input.instanceId }, select: { controlId: true, status: true, evaluatedAt: true } })).map((r) => [r.controlId, r]),
  );
  const isNewer = (controlId: string) => {
    const latest = previous.get(controlId);
    return !latest || latest.evaluatedAt.getTime() < input.evaluatedAt.getTime();
  };
  const newer = input.results.filter((r) => isControlStatus(r.status) && isNewer(r.controlId));
  if (newer.length === 0) return;

  await tx.latestControlResult.deleteMany({ where: { instanceId: input.instanceId, controlId: { in: newer.map((r) => r.controlId) } } });
  await tx.latestControlResult.createMany({
    data: newer.map((r) => ({ organizationId, instanceId: input.instanceId, controlId: r.controlId, status: r.status, severity: r.severity, snapshotId: input.snapshotId, evaluatedAt: input.evaluatedAt })),
  });

  const deltas = new Map<string, StatusCounts>();
  for (const r of newer) {
    const before = previous.get(r.controlId)?.status;
    if (before === r.status) continue;
    const delta = emptyCounts();
    if (before && isControlStatus(before)) delta[before] -= 1;
    delta[r.status as keyof StatusCounts] += 1;
    deltas.set(r.controlId, delta);
  }
  await applyRollupDeltas(tx, organizationId, utcDay(input.evaluatedAt), deltas);
}
