// The in-process scheduler (default, no QUEUE_REDIS_URL): one croner job per enabled schedule, kept
// in step with the database (after every change made here, and every minute for other processes).
import { logger } from '../log/logger';
import { Cron } from 'croner';
import { db } from '../db/client';
import { fireSchedule } from './fire-schedule';
import { localRunner } from './local-runner';

interface Entry {
  job: Cron;
  signature: string;
}

export class EmbeddedScheduler {
  private readonly entries = new Map<string, Entry>();

  async sync(): Promise<void> {
    const schedules = await db().schedule.findMany({ where: { enabled: true } });
    const wanted = new Set(schedules.map((s) => s.id));
    for (const [id, entry] of this.entries) {
      if (!wanted.has(id)) {
        entry.job.stop();
        this.entries.delete(id);
      }
    }
    for (const s of schedules) {
      const signature = `${s.cron}|${s.timezone}`;
      const current = this.entries.get(s.id);
      if (current?.signature === signature) continue;
      current?.job.stop();
      const job = new Cron(s.cron, { timezone: s.timezone, protect: true, catch: (err) => logger.error({ err, scheduleId: s.id }, 'schedule firing failed') }, async (self: Cron) => {
        // The firing minute is the de-duplication key: replicas firing the same minute share one run.
        const at = self.currentRun() ?? new Date();
        const runId = await fireSchedule(s.id, new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString());
        if (runId) await localRunner().run(runId);
      });
      this.entries.set(s.id, { job, signature });
    }
  }

  stop(): void {
    for (const entry of this.entries.values()) entry.job.stop();
    this.entries.clear();
  }
}

const globalForScheduler = globalThis as unknown as { __rcdScheduler?: EmbeddedScheduler };

/** The process's scheduler, when the embedded path was started here. */
export function embeddedScheduler(): EmbeddedScheduler | undefined {
  return globalForScheduler.__rcdScheduler;
}

export function setEmbeddedScheduler(scheduler: EmbeddedScheduler | undefined): void {
  globalForScheduler.__rcdScheduler = scheduler;
}
