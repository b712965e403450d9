// Where a queued scan run executes: a BullMQ worker when QUEUE_REDIS_URL is set, else this process.
// A run the queue Redis would not take is marked failed with the reason, and the error is thrown on.
// `wait` (the demo scan at start-up) always runs here and returns when the run has ended.
import { localRunner } from './local-runner';
import { markRunFailed } from './mark-run-failed';
import { QueueUnavailableError } from './queue-unavailable';
import { schedulerSettings } from './settings';

export async function dispatchScanRun(runId: string, options: { wait?: boolean } = {}): Promise<void> {
  if (options.wait) return localRunner().run(runId);
  if (schedulerSettings.queueRedisUrl()) {
    const { enqueueScanRun } = await import('./bull-queue');
    try {
      return await enqueueScanRun(runId);
    } catch (err) {
      // Not queued, so no worker will ever run it: it ends now, failed, with the reason.
      if (err instanceof QueueUnavailableError) await markRunFailed(runId, err.message);
      throw err;
    }
  }
  void localRunner().run(runId);
}
