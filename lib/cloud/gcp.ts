// Google side of collectCloud: one source per project, all locations in one paginated listing.
// Locations Google reports as unreachable make the project's source `error` (its instances there
// are unlisted, not absent).

import type { ProbeInfo } from '@/lib/facts/common';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { createRedisClient } from '@/lib/inventory/gcp/client';
import { listProjectInstances } from '@/lib/inventory/gcp/list-instances';
import { buildMemorystoreFacts } from '@/lib/probe/gcp/memorystore-facts';
import type { GcpConfig } from './config';
import { SourceErrors, type Source } from './source';

const LIST_API = 'redis.instances.list';

export interface GcpRunOptions {
  limit: <R>(task: () => Promise<R>) => Promise<R>;
  probe: ProbeInfo;
  /** First retry delay for 429/503 (tests shorten it). */
  retryBaseDelayMs?: number;
}

export async function collectGcp(gcp: GcpConfig, options: GcpRunOptions): Promise<{ sources: Source[]; resources: MemorystoreFacts[] }> {
  const client = createRedisClient(gcp);
  try {
    const perProject = await Promise.all(
      gcp.projects.map((project) =>
        options.limit(async () => {
          const listing = await listProjectInstances(client, project, {
            maxAttempts: gcp.maxAttempts ?? 4,
            timeoutMs: gcp.requestTimeoutMs ?? 30_000,
            baseDelayMs: options.retryBaseDelayMs,
          });
          const collectedAt = new Date().toISOString();
          const resources = listing.instances.map((raw) => buildMemorystoreFacts(raw, project, collectedAt, options.probe));
          const errors = new SourceErrors();
          if (listing.failure) errors.add(LIST_API, listing.failure.code, listing.failure.message);
          for (const location of listing.unreachable) errors.add(LIST_API, 'UNREACHABLE', `location ${location} could not be reached`);
          const source: Source = {
            provider: 'gcp',
            account: project,
            region: '*',
            status: errors.size > 0 ? 'error' : 'ok',
            errors: errors.list(),
            via: gcp.credentialsJson ? `service account ${gcp.credentialsJson.client_email}` : 'application default credentials',
            resourceCount: resources.length,
          };
          return { source, resources };
        }),
      ),
    );
    return { sources: perProject.map((result) => result.source), resources: perProject.flatMap((result) => result.resources) };
  } finally {
    await client.close();
  }
}
