// The queue Redis (QUEUE_REDIS_URL) not answering: every call the app makes to it is bounded, and
// a call that fails or runs out of time becomes one error that says which Redis and what to do.
import { stripUrlCredentials } from '../log/logger';
import { schedulerSettings } from './settings';

export class QueueUnavailableError extends Error {
  constructor(detail: string) {
    const where = stripUrlCredentials(schedulerSettings.queueRedisUrl() ?? '(QUEUE_REDIS_URL not set)');
    super(`The scan queue (Redis at ${where}) is unavailable: ${detail}. Try again once it is back.`);
    this.name = 'QueueUnavailableError';
  }
}

/** How ioredis fails a command while the server is down (offline queue off, connection lost). */
const CONNECTION_FAILURE = /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|MaxRetriesPerRequest/i;

/** Runs `call` against the queue Redis; a failure or no answer within QUEUE_TIMEOUT_MS throws QueueUnavailableError. */
export async function queueCall<T>(call: () => Promise<T>): Promise<T> {
  const ms = schedulerSettings.queueTimeoutMs();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (err) {
    const message = String((err as Error)?.message ?? err).split('\n')[0];
    throw CONNECTION_FAILURE.test(message) ? new QueueUnavailableError(message.slice(0, 200)) : err;
  } finally {
    clearTimeout(timer);
  }
}
