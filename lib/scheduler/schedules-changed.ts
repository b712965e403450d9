// After a schedule is created, changed or deleted: bring the firing side in step — the BullMQ job
// schedulers in queue mode, else this process's croner jobs.
import { embeddedScheduler } from './embedded-scheduler';
import { schedulerSettings } from './settings';

export async function schedulesChanged(): Promise<void> {
  if (schedulerSettings.queueRedisUrl()) {
    const { syncQueueSchedules } = await import('./bull-queue');
    await syncQueueSchedules();
  } else await embeddedScheduler()?.sync();
}
