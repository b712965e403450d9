// Start-up work that needs the database or the queue Redis (run recovery, schedule sync): while
// either is down the process logs the failure and tries again, instead of crashing or giving up.
import { logger } from '../log/logger';

/** Runs `step` until it succeeds, `retryMs` apart; returns a function that stops retrying. */
export function keepTrying(what: string, step: () => Promise<void>, retryMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (n: number) => {
    step().then(
      () => {
        if (n > 1) logger.info({ attempts: n }, `${what}: done`);
      },
      (err: unknown) => {
        if (stopped) return;
        logger.error({ err, attempt: n, retryInMs: retryMs }, `${what} failed; retrying`);
        timer = setTimeout(() => attempt(n + 1), retryMs);
        timer.unref();
      },
    );
  };
  attempt(1);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
