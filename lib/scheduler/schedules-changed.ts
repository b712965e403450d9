// After a schedule is created, changed or deleted: bring the firing side in step — the BullMQ job
// schedulers in queue mode, else this process's croner jobs.
import { logger } from '../log/logger';
import { embeddedScheduler } from './embedded-scheduler';
import { QueueUnavailableError } from './queue-unavailable';
import { schedulerSettings } from './settings';

export async function schedulesChanged(): Promise<void> {
  if (schedulerSettings.queueRedisUrl()) {
    const { syncQueueSchedules } = await import('./bull-queue');
    // The change is saved; workers bring the queue in step when they start and every minute.
    await syncQueueSchedules().catch((err: unknown) => {
      if (!(err instanceof QueueUnavailableError)) throw err;
      logger.warn({ err }, 'schedule saved; the queue is unavailable, so workers will pick it up once it is back');
    });
  } else await embeddedScheduler()?.sync();
}
