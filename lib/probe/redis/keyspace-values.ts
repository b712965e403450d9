// Value sampling (catalog §5.2 step 4, opt-in): the bounded read command for a key's type, and what
// the detectors make of the reply. Values live only inside `examineValue`; what leaves it is the set
// of detectors, a masked excerpt (§5.3) and the DATA-005 shape.

import type { PhiDetector } from '@/lib/facts/common';
import { detectInField, detectInValue } from './redaction/detectors';
import { maskedExcerpt } from './redaction/mask';
import type { RespArg, RespValue } from './keyspace-resp';

export type ValueShape = 'ciphertextLike' | 'plaintextLike' | 'undetermined';

const READABLE = new Set(['string', 'hash', 'list', 'set', 'zset', 'stream']);

/** Whether values of this type are read (other types, e.g. modules' types, are judged by name only). */
export function isReadableType(type: string): boolean {
  return READABLE.has(type);
}

/** The read for a type (allowlisted verbs only), or null for types read by name only. */
export function readCommand(type: string, key: Buffer, maxBytes: number): RespArg[] | null {
  switch (type) {
    case 'string':
      return ['GETRANGE', key, 0, maxBytes - 1];
    case 'hash':
      return ['HSCAN', key, 0, 'COUNT', 20];
    case 'list':
      return ['LRANGE', key, 0, 19];
    case 'set':
      return ['SRANDMEMBER', key, 20];
    case 'zset':
      return ['ZRANGE', key, 0, 19];
    case 'stream':
      return ['XRANGE', key, '-', '+', 'COUNT', 5];
    default:
      return null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** DATA-005 rule: ciphertext-like, plaintext-like or undetermined. */
export function valueShape(raw: Buffer, envelope: RegExp | null): ValueShape {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return 'ciphertextLike';
  }
  const trimmed = text.trim();
  if (envelope?.test(trimmed)) return 'ciphertextLike';
  if (trimmed.length >= 32 && (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || /^[A-Za-z0-9_-]+={0,2}$/.test(trimmed) || /^[0-9a-fA-F]+$/.test(trimmed))) {
    return 'ciphertextLike';
  }
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed && typeof parsed === 'object' && Object.values(parsed as Record<string, unknown>).some((v) => typeof v === 'string')) return 'plaintextLike';
  } catch {
    // not JSON
  }
  if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(trimmed)) return 'plaintextLike';
  return 'undetermined';
}

/** Several values of one key: plaintext if any is, ciphertext if all are. */
function combineShapes(shapes: ValueShape[]): ValueShape {
  if (shapes.includes('plaintextLike')) return 'plaintextLike';
  if (shapes.length > 0 && shapes.every((s) => s === 'ciphertextLike')) return 'ciphertextLike';
  return 'undetermined';
}

export interface ValueFindings {
  detectors: Set<PhiDetector>;
  excerpt: string;
  shape: ValueShape;
}

/** The bytes of a bulk reply (a latin1 string), at most `maxBytes`. */
function buf(value: RespValue, maxBytes: number): Buffer | null {
  if (typeof value === 'string') return Buffer.from(value.length > maxBytes ? value.slice(0, maxBytes) : value, 'latin1');
  if (typeof value === 'number') return Buffer.from(String(value));
  return null;
}

/** Field/value pairs (HSCAN page, stream entry) judged with their field names. */
function examinePairs(flat: RespValue[], maxBytes: number, envelope: RegExp | null): ValueFindings {
  const detectors = new Set<PhiDetector>();
  const shapes: ValueShape[] = [];
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = buf(flat[i], 256)?.toString('utf8') ?? '';
    const raw = buf(flat[i + 1], maxBytes);
    if (!raw) continue;
    const text = raw.toString('utf8');
    for (const d of detectInField(field, text)) detectors.add(d);
    shapes.push(valueShape(raw, envelope));
    record[field] = text;
  }
  return { detectors, excerpt: maskedExcerpt(JSON.stringify(record)), shape: combineShapes(shapes) };
}

/** Members of a list, set or sorted set, each judged on its own. */
function examineMembers(members: RespValue[], maxBytes: number, envelope: RegExp | null): ValueFindings {
  const detectors = new Set<PhiDetector>();
  const shapes: ValueShape[] = [];
  const texts: string[] = [];
  for (const m of members) {
    const raw = buf(m, maxBytes);
    if (!raw) continue;
    const text = raw.toString('utf8');
    for (const d of detectInValue(text)) detectors.add(d);
    shapes.push(valueShape(raw, envelope));
    texts.push(text);
  }
  return { detectors, excerpt: maskedExcerpt(JSON.stringify(texts)), shape: combineShapes(shapes) };
}

/** What the detectors see in the reply to `readCommand(type, …)`; null when there is nothing to judge. */
export function examineValue(type: string, reply: RespValue, maxBytes: number, envelope: RegExp | null): ValueFindings | null {
  switch (type) {
    case 'string': {
      const raw = buf(reply, maxBytes);
      if (!raw) return null;
      const text = raw.toString('utf8');
      return { detectors: detectInValue(text), excerpt: maskedExcerpt(text), shape: valueShape(raw, envelope) };
    }
    case 'hash':
      return Array.isArray(reply) && Array.isArray(reply[1]) ? examinePairs(reply[1], maxBytes, envelope) : null;
    case 'list':
    case 'set':
    case 'zset':
      return Array.isArray(reply) ? examineMembers(reply, maxBytes, envelope) : null;
    case 'stream': {
      if (!Array.isArray(reply)) return null;
      const pairs = reply.flatMap((entry) => (Array.isArray(entry) && Array.isArray(entry[1]) ? entry[1] : []));
      return examinePairs(pairs, maxBytes, envelope);
    }
    default:
      return null;
  }
}
