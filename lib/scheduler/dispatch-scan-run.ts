// Where a queued scan run executes: a BullMQ worker when QUEUE_REDIS_URL is set, else this process.
// `wait` (the demo scan at start-up) always runs here and returns when the run has ended.
import { localRunner } from './local-runner';
import { schedulerSettings } from './settings';

export async function dispatchScanRun(runId: string, options: { wait?: boolean } = {}): Promise<void> {
  if (options.wait) return localRunner().run(runId);
  if (schedulerSettings.queueRedisUrl()) {
    const { enqueueScanRun } = await import('./bull-queue');
    return enqueueScanRun(runId);
  }
  void localRunner().run(runId);
}
