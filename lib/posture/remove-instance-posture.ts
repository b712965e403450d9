// Called when the inventory marks an instance gone (decommissioned, deleted in the cloud): its
// latest results leave the posture from that day on, the way a rebuild treats `goneAt`. A returning
// instance comes back with its next stored scan.
import type { Prisma } from '../db/client';
import { applyRollupDeltas } from './apply-rollup-deltas';
import { utcDay } from './day';
import { emptyCounts, isControlStatus, type StatusCounts } from './status-counts';

export async function removeInstancePosture(tx: Prisma.TransactionClient, instanceId: string, goneAt: Date): Promise<void> {
  const latest = await tx.latestControlResult.findMany({ where: { instanceId }, select: { organizationId: true, controlId: true, status: true } });
  if (latest.length === 0) return;
  await tx.latestControlResult.deleteMany({ where: { instanceId } });
  const deltas = new Map<string, StatusCounts>();
  for (const row of latest) {
    if (!isControlStatus(row.status)) continue;
    const delta = emptyCounts();
    delta[row.status] -= 1;
    deltas.set(row.controlId, delta);
  }
  await applyRollupDeltas(tx, latest[0].organizationId, utcDay(goneAt), deltas);
}
