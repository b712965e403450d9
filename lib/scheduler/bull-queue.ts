// The scale-out path: BullMQ on QUEUE_REDIS_URL. Scan runs and schedule ticks are jobs on one queue;
// schedules are BullMQ job schedulers (cron + time zone kept in Redis, fired once across workers).
import { Queue } from 'bullmq';
import { db } from '../db/client';
import { logger } from '../log/logger';
import { queueCall } from './queue-unavailable';
import { MAX_RUN_ATTEMPTS, schedulerSettings } from './settings';

export const QUEUE_NAME = 'rcd-scans';
export const JOB_SCAN_RUN = 'scan-run';
export const JOB_SCHEDULE_TICK = 'schedule-tick';

export function bullConnection(url: string) {
  // maxRetriesPerRequest null: BullMQ's blocking commands must wait through reconnects. Reconnect
  // attempts back off to every 5 s (BullMQ's own default grows to 20 s): a Redis that is back is
  // used again soon.
  return { url, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(500 * times, 5_000) };
}

export const JOB_OPTIONS = {
  attempts: MAX_RUN_ATTEMPTS,
  backoff: { type: 'exponential' as const, delay: schedulerSettings.retryBaseMs() },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

const globalForQueue = globalThis as unknown as { __rcdScanQueue?: Queue };

export function scanQueue(): Queue {
  const url = schedulerSettings.queueRedisUrl();
  if (!url) throw new Error('QUEUE_REDIS_URL is not set: scans run in-process');
  if (!globalForQueue.__rcdScanQueue) {
    // No offline queue: while the Redis is down a call fails at once instead of waiting for it.
    const queue = new Queue(QUEUE_NAME, { connection: { ...bullConnection(url), enableOfflineQueue: false } });
    // Reconnect failures are logged (unlistened, BullMQ prints each one to the console).
    queue.on('error', (err) => logger.warn({ err }, 'scan queue: Redis connection error'));
    globalForQueue.__rcdScanQueue = queue;
  }
  return globalForQueue.__rcdScanQueue;
}

export async function closeScanQueue(): Promise<void> {
  const queue = globalForQueue.__rcdScanQueue;
  globalForQueue.__rcdScanQueue = undefined;
  // Closing while the Redis is down fails (nothing to say goodbye to): the connection is dropped anyway.
  await queue?.close().catch((err: unknown) => logger.warn({ err }, 'scan queue: closed without reaching Redis'));
}

/**
 * Adds the run's job; the job id is the run's, so adding it again while it waits or runs (recovery)
 * is a no-op. A job of the run that already ended — failed while the database was down, its run
 * left unfinished — is replaced, so recovery really runs the run again. Throws
 * QueueUnavailableError when the queue Redis does not answer in time.
 */
export async function enqueueScanRun(runId: string): Promise<void> {
  const jobId = `run-${runId}`;
  await queueCall(async () => {
    const queue = scanQueue();
    const previous = await queue.getJob(jobId);
    if (previous && ((await previous.isFailed()) || (await previous.isCompleted()))) await previous.remove();
    await queue.add(JOB_SCAN_RUN, { runId }, { ...JOB_OPTIONS, jobId });
  });
}

const schedulerId = (scheduleId: string) => `schedule-${scheduleId}`;

/** Makes the queue's job schedulers match the enabled schedules in the database (QueueUnavailableError when the queue is down). */
export async function syncQueueSchedules(): Promise<void> {
  const queue = scanQueue();
  const schedules = await db().schedule.findMany({ where: { enabled: true } });
  const wanted = new Set(schedules.map((s) => schedulerId(s.id)));
  for (const existing of await queueCall(() => queue.getJobSchedulers())) {
    if (!wanted.has(existing.key)) await queueCall(() => queue.removeJobScheduler(existing.key));
  }
  for (const s of schedules) {
    await queueCall(() => queue.upsertJobScheduler(schedulerId(s.id), { pattern: s.cron, tz: s.timezone }, { name: JOB_SCHEDULE_TICK, data: { scheduleId: s.id }, opts: JOB_OPTIONS }));
  }
}
