// Replicas of a self-hosted primary, as users list them (CLI config `replicas`, the app's target
// form): redis:// or rediss:// URLs; the keyspace audit reads one that follows the primary.
import { z } from 'zod';
import type { RespEndpoint } from '@/lib/probe/redis/keyspace-resp';

export const MAX_REPLICAS = 16;

export const replicaUrlsSchema = z
  .array(
    z
      .string()
      .refine((u) => /^rediss?:\/\/[^/]+/i.test(u) && URL.canParse(u), { message: 'each replica must be a redis:// or rediss:// URL with a host, e.g. "rediss://10.0.1.6:6380"' })
      // Stored as plain settings: a password here would not be sealed (and is not used).
      .refine((u) => !URL.canParse(u) || (!new URL(u).password && !new URL(u).username), { message: "a replica URL takes no user or password: the primary's credentials are used" }),
  )
  .min(1, 'give at least one replica URL, or leave replicas out')
  .max(MAX_REPLICAS, `list at most ${MAX_REPLICAS} replicas`);

export function replicaEndpoint(url: string): RespEndpoint {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 6379 };
}
