// After a crash or restart: runs left queued or running without a live heartbeat are handed back
// to `resume` (which continues them with the instances not yet stored); runs that already used all
// their attempts are marked failed.
import { db } from '../db/client';
import { markRunFailed } from './mark-run-failed';
import { MAX_RUN_ATTEMPTS, schedulerSettings } from './settings';

export async function recoverStuckRuns(resume: (runId: string) => Promise<void> | void, now = new Date()): Promise<{ resumed: string[]; failed: string[] }> {
  const stale = new Date(now.getTime() - 2 * schedulerSettings.leaseMs());
  const stuck = await db().scanRun.findMany({
    where: {
      OR: [
        { status: 'running', OR: [{ heartbeatAt: { lt: stale } }, { heartbeatAt: null, startedAt: { lt: stale } }] },
        { status: 'queued', createdAt: { lt: stale } },
      ],
    },
    select: { id: true, attempts: true },
  });
  const resumed: string[] = [];
  const failed: string[] = [];
  for (const run of stuck) {
    if (run.attempts >= MAX_RUN_ATTEMPTS) {
      await markRunFailed(run.id, `the run was interrupted ${run.attempts} times`);
      failed.push(run.id);
    } else {
      await resume(run.id);
      resumed.push(run.id);
    }
  }
  return { resumed, failed };
}
