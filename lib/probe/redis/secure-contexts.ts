// TLS secure contexts are costly to build (key and CA parsing: ~0.8 ms each, and a probe opens
// about nine TLS connections). Targets that share a CA and scanner certificate reuse them for a
// minute; after that the cached keys are dropped so an idle process keeps no key material.

import { createHash } from 'node:crypto';
import tls from 'node:tls';

const TTL_MS = 60_000;
const MAX_ENTRIES = 256;
const cache = new Map<string, { context: tls.SecureContext; expires: number }>();

type ContextFields = Pick<tls.ConnectionOptions, 'ca' | 'cert' | 'key' | 'minVersion' | 'maxVersion' | 'ciphers'>;

function cacheKey(fields: ContextFields): string {
  const hash = createHash('sha256');
  for (const value of [fields.ca, fields.cert, fields.key, fields.minVersion, fields.maxVersion, fields.ciphers]) {
    hash.update(`${value === undefined ? '\u0000' : String(value)}\u0001`);
  }
  return hash.digest('hex');
}

/** The same connection options with ca/cert/key/versions/ciphers replaced by a (cached) secure context. */
export function withSecureContext<T extends tls.ConnectionOptions>(options: T): Omit<T, keyof ContextFields> & { secureContext: tls.SecureContext } {
  const { ca, cert, key, minVersion, maxVersion, ciphers, ...rest } = options;
  const fields: ContextFields = { ca, cert, key, minVersion, maxVersion, ciphers };
  const id = cacheKey(fields);
  const now = Date.now();
  let entry = cache.get(id);
  if (!entry || entry.expires < now) {
    for (const [k, v] of cache) if (v.expires < now || cache.size >= MAX_ENTRIES) cache.delete(k);
    entry = { context: tls.createSecureContext(fields), expires: now + TTL_MS };
    cache.set(id, entry);
  }
  return { ...rest, secureContext: entry.context };
}
