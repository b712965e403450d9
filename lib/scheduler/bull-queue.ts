// The scale-out path: BullMQ on QUEUE_REDIS_URL. Scan runs and schedule ticks are jobs on one queue;
// schedules are BullMQ job schedulers (cron + time zone kept in Redis, fired once across workers).
import { Queue } from 'bullmq';
import { db } from '../db/client';
import { MAX_RUN_ATTEMPTS, schedulerSettings } from './settings';

export const QUEUE_NAME = 'rcd-scans';
export const JOB_SCAN_RUN = 'scan-run';
export const JOB_SCHEDULE_TICK = 'schedule-tick';

export function bullConnection(url: string) {
  // maxRetriesPerRequest null: BullMQ's blocking commands must wait through reconnects.
  return { url, maxRetriesPerRequest: null };
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
  globalForQueue.__rcdScanQueue ??= new Queue(QUEUE_NAME, { connection: bullConnection(url) });
  return globalForQueue.__rcdScanQueue;
}

export async function closeScanQueue(): Promise<void> {
  const queue = globalForQueue.__rcdScanQueue;
  globalForQueue.__rcdScanQueue = undefined;
  await queue?.close();
}

/** Adds the run's job; the job id is the run's, so adding it again (recovery) is a no-op. */
export async function enqueueScanRun(runId: string): Promise<void> {
  await scanQueue().add(JOB_SCAN_RUN, { runId }, { ...JOB_OPTIONS, jobId: `run-${runId}` });
}

const schedulerId = (scheduleId: string) => `schedule-${scheduleId}`;

/** Makes the queue's job schedulers match the enabled schedules in the database. */
export async function syncQueueSchedules(): Promise<void> {
  const queue = scanQueue();
  const schedules = await db().schedule.findMany({ where: { enabled: true } });
  const wanted = new Set(schedules.map((s) => schedulerId(s.id)));
  for (const existing of await queue.getJobSchedulers()) {
    if (!wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  for (const s of schedules) {
    await queue.upsertJobScheduler(schedulerId(s.id), { pattern: s.cron, tz: s.timezone }, { name: JOB_SCHEDULE_TICK, data: { scheduleId: s.id }, opts: JOB_OPTIONS });
  }
}
