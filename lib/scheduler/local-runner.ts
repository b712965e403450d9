// The embedded (default) path: scan runs execute in this process, a bounded number at a time, with
// retries and backoff. A run whose instances are being scanned by another run waits for them.
import { logger } from '../log/logger';
import os from 'node:os';
import { markRunFailed } from './mark-run-failed';
import { runScanJob } from './run-scan-job';
import { MAX_RUN_ATTEMPTS, schedulerSettings } from './settings';

interface Queued {
  runId: string;
  attempt: number;
}

export class LocalRunner {
  readonly holder = `app:${os.hostname()}:${process.pid}`;
  private active = 0;
  private readonly queue: Queued[] = [];
  /** Runs queued, waiting or executing here, with whoever awaits their end. */
  private readonly tracked = new Map<string, (() => void)[]>();

  /** Queues a run (once) and resolves when it has ended here: finished, or failed for good. */
  run(runId: string): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.tracked.get(runId);
      if (waiters) {
        waiters.push(resolve);
        return;
      }
      this.tracked.set(runId, [resolve]);
      this.queue.push({ runId, attempt: 0 });
      this.pump();
    });
  }

  private pump() {
    while (this.active < schedulerSettings.runConcurrency() && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.active += 1;
      void this.execute(next).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private later(item: Queued, ms: number) {
    setTimeout(() => {
      this.queue.push(item);
      this.pump();
    }, ms);
  }

  private done(runId: string) {
    for (const resolve of this.tracked.get(runId) ?? []) resolve();
    this.tracked.delete(runId);
  }

  private async execute(item: Queued) {
    try {
      const outcome = await runScanJob(item.runId, this.holder);
      if (outcome === 'busy') return this.later(item, schedulerSettings.busyRetryMs());
      this.done(item.runId);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const attempt = item.attempt + 1;
      if (attempt < MAX_RUN_ATTEMPTS) {
        logger.warn({ scanRunId: item.runId, attempt, error: message }, 'scan run attempt failed; retrying');
        return this.later({ ...item, attempt }, schedulerSettings.retryBaseMs() * 2 ** (attempt - 1));
      }
      await markRunFailed(item.runId, `the run failed ${attempt} times (last: ${message.slice(0, 200)})`).catch(() => undefined);
      this.done(item.runId);
    }
  }
}

const globalForRunner = globalThis as unknown as { __rcdLocalRunner?: LocalRunner };

/** The process's runner (shared by instrumentation, server actions and route handlers). */
export function localRunner(): LocalRunner {
  globalForRunner.__rcdLocalRunner ??= new LocalRunner();
  return globalForRunner.__rcdLocalRunner;
}
