// The one job function both paths run (in-process runner and BullMQ worker): take the leases of the
// run's instances, execute (or resume) the run while renewing them, release them.
import { logger } from '../log/logger';
import { db } from '../db/client';
import { executeScanRun } from '../scan-runs/execute-scan-run';
import { acquireInstanceLeases, releaseInstanceLeases, renewInstanceLeases } from './instance-leases';
import { FINISHED_RUN_STATUSES, schedulerSettings } from './settings';

export type ScanJobOutcome = 'finished' | 'already-finished' | 'busy' | 'missing';

/** What a run locks: its instances, and for a cloud run also its connection (one inventory sync at a time). */
export function leaseKeys(scope: unknown): string[] {
  const { instanceIds = [], connectionId } = (scope ?? {}) as { instanceIds?: string[]; connectionId?: string };
  return connectionId ? [...instanceIds, `connection:${connectionId}`] : instanceIds;
}

export async function runScanJob(runId: string, holder: string): Promise<ScanJobOutcome> {
  const run = await db().scanRun.findUnique({ where: { id: runId }, select: { status: true, scope: true } });
  if (!run) return 'missing';
  if (FINISHED_RUN_STATUSES.includes(run.status)) return 'already-finished';
  const leaseMs = schedulerSettings.leaseMs();
  if (!(await acquireInstanceLeases(runId, leaseKeys(run.scope), holder, leaseMs))) return 'busy';
  const heartbeat = setInterval(() => {
    renewInstanceLeases(runId, holder, leaseMs).catch((err) => logger.error({ err, scanRunId: runId }, 'lease renewal failed'));
  }, Math.max(200, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  try {
    await db().scanRun.update({ where: { id: runId }, data: { attempts: { increment: 1 }, heartbeatAt: new Date() } });
    await executeScanRun(runId);
    return 'finished';
  } finally {
    clearInterval(heartbeat);
    await releaseInstanceLeases(runId, holder).catch(() => undefined);
  }
}
