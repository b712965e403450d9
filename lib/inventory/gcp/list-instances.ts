// Lists every Memorystore for Redis instance of a project across all locations
// (`projects/P/locations/-`), page by page, each call bounded by the request timeout, retrying
// 429/503 and timeouts with bounded exponential backoff.

import type { CloudRedisClient, protos } from '@google-cloud/redis';
import { classifyGcpError, isRetryable, type GcpFailure } from './errors';

export type RawInstance = protos.google.cloud.redis.v1.IInstance;

export interface ProjectListing {
  instances: RawInstance[];
  /** Locations Google could not reach: their instances are missing from the list. */
  unreachable: string[];
  failure?: GcpFailure;
}

export interface ListOptions {
  maxAttempts: number;
  timeoutMs: number;
  /** First backoff delay; doubles per attempt (with jitter), capped at 5 s. */
  baseDelayMs?: number;
}

const PAGE_SIZE = 1000;

export async function listProjectInstances(client: CloudRedisClient, project: string, options: ListOptions): Promise<ProjectListing> {
  const instances: RawInstance[] = [];
  const unreachable = new Set<string>();
  let pageToken = '';
  try {
    do {
      const request = { parent: `projects/${project}/locations/-`, pageSize: PAGE_SIZE, pageToken };
      const [page, , response] = await withRetry(
        () => withDeadline(client.listInstances(request, { autoPaginate: false, timeout: options.timeoutMs }), options.timeoutMs),
        options,
      );
      instances.push(...page);
      for (const location of response?.unreachable ?? []) unreachable.add(location);
      pageToken = response?.nextPageToken ?? '';
    } while (pageToken);
    return { instances, unreachable: [...unreachable] };
  } catch (error) {
    return { instances, unreachable: [...unreachable], failure: classifyGcpError(error) };
  }
}

/** google.rpc DEADLINE_EXCEEDED, as google-gax reports a call that ran out of time. */
class DeadlineExceeded extends Error {
  readonly code = 4;
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * google-gax REST leaves a call to a server that accepted the request but never answers waiting
 * past `timeout` (seen against a hanging endpoint): the attempt ends here at the deadline instead.
 */
function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(ms)), ms);
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

async function withRetry<T>(call: () => Promise<T>, options: ListOptions): Promise<T> {
  const base = options.baseDelayMs ?? 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.maxAttempts || !isRetryable(error)) throw error;
      const delay = Math.min(5_000, base * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
    }
  }
}
