// A BullMQ worker process (`npm run worker`): runs scan-run and schedule-tick jobs with bounded
// concurrency. A worker that dies mid-job loses the job lock; another worker's stalled check puts
// the job back and it resumes the same run (instances already stored are not scanned again).
import { logger } from '../log/logger';
import os from 'node:os';
import { DelayedError, Worker, type Job } from 'bullmq';
import { bullConnection, JOB_SCHEDULE_TICK, QUEUE_NAME, syncQueueSchedules, enqueueScanRun, closeScanQueue } from './bull-queue';
import { fireSchedule } from './fire-schedule';
import { keepTrying } from './keep-trying';
import { startMaintenanceLoop } from './maintenance';
import { markRunFailed } from './mark-run-failed';
import { recoverStuckRuns } from './recover-runs';
import { runScanJob } from './run-scan-job';
import { schedulerSettings } from './settings';

export interface RunningWorker {
  holder: string;
  stop(): Promise<void>;
}

export async function startQueueWorker(options: { concurrency?: number } = {}): Promise<RunningWorker> {
  const url = schedulerSettings.queueRedisUrl();
  if (!url) throw new Error('QUEUE_REDIS_URL is not set: the worker needs the Redis that holds the queues (e.g. redis://queue-host:6379/0).');
  const holder = `worker:${os.hostname()}:${process.pid}`;
  const lockDuration = schedulerSettings.workerLockMs();

  const runIdOf = async (job: Job): Promise<string | null> => (job.name === JOB_SCHEDULE_TICK ? fireSchedule(job.data.scheduleId, `bull-${job.id}`) : (job.data.runId as string));

  const worker = new Worker(
    QUEUE_NAME,
    async (job, token) => {
      const runId = await runIdOf(job);
      if (!runId) return 'nothing to scan';
      logger.info({ holder, scanRunId: runId, jobId: job.id, attempt: job.attemptsMade + 1 }, 'scan run started');
      const outcome = await runScanJob(runId, holder);
      if (outcome === 'busy') {
        // Another run holds some of these instances: wait without spending an attempt.
        await job.moveToDelayed(Date.now() + schedulerSettings.busyRetryMs(), token);
        throw new DelayedError();
      }
      logger.info({ holder, scanRunId: runId, outcome }, 'scan run ended');
      return outcome;
    },
    { connection: bullConnection(url), concurrency: options.concurrency ?? schedulerSettings.runConcurrency(), lockDuration, stalledInterval: lockDuration, maxStalledCount: 3 },
  );
  worker.on('failed', (job, err) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    void runIdOf(job)
      .then(async (runId) => {
        if (runId) await markRunFailed(runId, `the job failed ${job.attemptsMade} times (last: ${err.message.slice(0, 200)})`);
      })
      .catch(() => undefined);
  });
  worker.on('error', (err) => logger.error({ err, holder }, 'queue error'));

  // Schedules in step, and runs a crash or an outage left unfinished handed back to the queue.
  const catchUp = async () => {
    await syncQueueSchedules();
    await recoverStuckRuns((runId) => enqueueScanRun(runId));
  };
  // The database or the queue may be down at start: retried until they are back, then every minute.
  const stopStartup = keepTrying('worker start-up (schedule sync, run recovery)', catchUp, schedulerSettings.startupRetryMs());
  const stopMaintenance = startMaintenanceLoop(schedulerSettings.maintenanceMs());
  const resync = setInterval(() => catchUp().catch((err) => logger.error({ err }, 'schedule sync / run recovery failed')), 60_000);
  resync.unref();
  await worker.waitUntilReady();
  logger.info({ holder, queue: QUEUE_NAME, concurrency: worker.opts.concurrency }, 'worker ready');
  return {
    holder,
    async stop() {
      stopStartup();
      clearInterval(resync);
      stopMaintenance();
      await worker.close();
      await closeScanQueue();
    },
  };
}
