// Lists every Memorystore for Redis instance of a project across all locations
// (`projects/P/locations/-`), page by page, retrying 429/503 with bounded exponential backoff.

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
        () => client.listInstances(request, { autoPaginate: false, timeout: options.timeoutMs }),
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
