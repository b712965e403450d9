// Read-only keyspace audit (catalog §5.2): SCAN + pipelined PTTL per batch, classification by key
// class, PHI detectors over key names, and (opt-in) bounded value sampling. Keeps counts,
// normalized patterns and masked excerpts only; raw names and values are dropped per batch.

import type { DetectorHit, KeyClassAudit, KeyspaceAudit, PhiDetector, TtlHistogram } from '@/lib/facts/common';
import type { ProbeClient } from './client';
import { UnparseableReplyError } from './outcome';
import { parseInfoSections } from './parse-info';
import { detectInText, detectInValue } from './redaction/detectors';
import { KeyPatternCounter } from './redaction/key-pattern';
import { maskedExcerpt } from './redaction/mask';
import { DEFAULT_KEY_CLASSES, type KeyClass } from '@/lib/controls/thresholds';

/** Key classes (catalog §5.1); the schema and defaults live with the thresholds. */
export type KeyClassPolicy = KeyClass;

export interface KeyspaceAuditOptions {
  keyClasses?: KeyClassPolicy[];
  /** Per database (default 60). */
  timeBudgetSeconds?: number;
  /** Hard cap on keys scanned (default none). */
  maxKeys?: number;
  /** Commands per second cap (0 = unlimited). */
  maxOpsPerSec?: number;
  /** Reading values is an explicit opt-in (default false). */
  readValues?: boolean;
  valueSampleRate?: number;
  valueSampleMax?: number;
  valueReadMaxBytes?: number;
  /** Envelope regex of the application's ciphertext, e.g. `^v\d+:[A-Za-z0-9_-]{32,}$`. */
  ciphertextEnvelope?: string;
  /** Why the primary is read (e.g. "no replica in the inventory"); recorded in the run. */
  targetNote?: string;
}

const TOP = 10;
const EXCERPTS_PER_HIT = 3;
const MIN_SAMPLES_PER_CLASS = 20;

/** Redis glob (`*`, `?`, `[...]`, `\x`) → RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) re += glob[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('^') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function emptyHistogram(): TtlHistogram {
  return { none: 0, le60s: 0, le300s: 0, le1800s: 0, le3600s: 0, le86400s: 0, gt86400s: 0 };
}

function bucket(h: TtlHistogram, ttlSeconds: number | null): void {
  if (ttlSeconds === null) h.none++;
  else if (ttlSeconds <= 60) h.le60s++;
  else if (ttlSeconds <= 300) h.le300s++;
  else if (ttlSeconds <= 1800) h.le1800s++;
  else if (ttlSeconds <= 3600) h.le3600s++;
  else if (ttlSeconds <= 86400) h.le86400s++;
  else h.gt86400s++;
}

interface ClassState {
  policy: KeyClassPolicy;
  matchers: RegExp[];
  keys: number;
  noTtl: number;
  overMax: number;
  maxTtl: number | null;
  histogram: TtlHistogram;
  all: KeyPatternCounter;
  withoutTtl: KeyPatternCounter;
  overMaxTtl: KeyPatternCounter;
}

interface HitGroup {
  detector: PhiDetector;
  keyClass: string;
  counter: KeyPatternCounter;
  excerpts: { key: string; excerpt: string }[];
}

function top(counter: KeyPatternCounter) {
  return counter.patterns().slice(0, TOP);
}

/** Value shape for DATA-005. */
export function valueShape(raw: Buffer, envelope: RegExp | null): 'ciphertextLike' | 'plaintextLike' | 'undetermined' {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return 'ciphertextLike';
  }
  const trimmed = text.trim();
  if (envelope?.test(trimmed)) return 'ciphertextLike';
  if (trimmed.length >= 32 && (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || /^[A-Za-z0-9_-]+={0,2}$/.test(trimmed) || /^[0-9a-fA-F]+$/.test(trimmed))) {
    return 'ciphertextLike';
  }
  try {
    const parsed = JSON.parse(trimmed);
    if (parsed && typeof parsed === 'object' && JSON.stringify(parsed).includes('"')) {
      const hasString = Object.values(parsed as Record<string, unknown>).some((v) => typeof v === 'string');
      if (hasString) return 'plaintextLike';
    }
  } catch {
    // not JSON
  }
  if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(trimmed)) return 'plaintextLike';
  return 'undetermined';
}

async function readValue(client: ProbeClient, key: string, maxBytes: number): Promise<Buffer | null> {
  const type = String(await client.call('TYPE', key));
  const join = (reply: unknown) =>
    Array.isArray(reply) ? Buffer.concat(reply.flat(3).filter((x): x is Buffer => Buffer.isBuffer(x)).flatMap((b) => [b, Buffer.from(' ')])) : null;
  switch (type) {
    case 'string':
      return (await client.callBuffer('GETRANGE', key, 0, maxBytes - 1)) as Buffer;
    case 'hash':
      return join(await client.callBuffer('HSCAN', key, 0, 'COUNT', 20));
    case 'list':
      return join(await client.callBuffer('LRANGE', key, 0, 19));
    case 'set':
      return join(await client.callBuffer('SRANDMEMBER', key, 20));
    case 'zset':
      return join(await client.callBuffer('ZRANGE', key, 0, 19));
    case 'stream':
      return join(await client.callBuffer('XRANGE', key, '-', '+', 'COUNT', 5));
    default:
      return null;
  }
}

export async function auditKeyspace(client: ProbeClient, options: KeyspaceAuditOptions): Promise<KeyspaceAudit> {
  const started = Date.now();
  const sentBefore = { ...client.sent };
  const policies = options.keyClasses ?? DEFAULT_KEY_CLASSES;
  const budgetMs = (options.timeBudgetSeconds ?? 60) * 1000;
  const readValues = options.readValues ?? false;
  const sampleRate = options.valueSampleRate ?? 0.01;
  const sampleMax = options.valueSampleMax ?? 2000;
  const maxBytes = options.valueReadMaxBytes ?? 4096;
  const envelope = options.ciphertextEnvelope ? new RegExp(options.ciphertextEnvelope) : null;

  const classes: ClassState[] = policies.map((policy) => ({
    policy,
    matchers: policy.patterns.map(globToRegExp),
    keys: 0,
    noTtl: 0,
    overMax: 0,
    maxTtl: null,
    histogram: emptyHistogram(),
    all: new KeyPatternCounter(),
    withoutTtl: new KeyPatternCounter(),
    overMaxTtl: new KeyPatternCounter(),
  }));
  const unclassified = new KeyPatternCounter();
  let unclassifiedKeys = 0;
  const nameHits = new Map<string, HitGroup>();
  const valueHits = new Map<string, HitGroup>();
  const phiCache = { sampled: 0, ciphertextLike: 0, plaintextLike: 0, undetermined: 0 };
  let sampled = 0;
  const sampledPerClass = new Map<string, number>();

  const group = (map: Map<string, HitGroup>, detector: PhiDetector, keyClass: string) => {
    const id = `${detector}\u0000${keyClass}`;
    let g = map.get(id);
    if (!g) map.set(id, (g = { detector, keyClass, counter: new KeyPatternCounter(), excerpts: [] }));
    return g;
  };

  const role = await client.call('ROLE');
  const targetRole = Array.isArray(role) && role[0] === 'slave' ? 'replica' : 'master';
  const keyspaceInfo = parseInfoSections(String(await client.call('INFO', 'keyspace'))).keyspace ?? {};
  const dbs = Object.keys(keyspaceInfo)
    .map((k) => Number(/^db(\d+)$/.exec(k)?.[1]))
    .filter((n) => Number.isInteger(n))
    .sort((a, b) => a - b);

  const databases: KeyspaceAudit['databases'] = [];
  let coverage: KeyspaceAudit['coverage'] = 'complete';
  let coverageReason: string | null = null;
  let keysScanned = 0;
  let ops = 0;

  const pace = async () => {
    if (!options.maxOpsPerSec) return;
    const minElapsed = (ops / options.maxOpsPerSec) * 1000;
    const elapsed = Date.now() - started;
    if (minElapsed > elapsed) await new Promise((r) => setTimeout(r, minElapsed - elapsed));
  };

  try {
    for (const db of dbs) {
      await client.call('SELECT', db);
      const dbsize = Number(await client.call('DBSIZE'));
      const entry = { db, dbsize, keysScanned: 0 };
      databases.push(entry);
      const dbStarted = Date.now();
      let cursor = '0';
      do {
        if (Date.now() - dbStarted > budgetMs) {
          coverage = 'partial';
          coverageReason = `time budget of ${budgetMs / 1000} s per database reached in db${db}`;
          break;
        }
        if (options.maxKeys !== undefined && keysScanned >= options.maxKeys) {
          coverage = 'partial';
          coverageReason = `key cap of ${options.maxKeys} reached`;
          break;
        }
        const reply = await client.call('SCAN', cursor, 'COUNT', 1000);
        if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) throw new UnparseableReplyError('SCAN');
        cursor = String(reply[0]);
        const keys = (reply[1] as unknown[]).map(String);
        // One round trip per batch: the calls are written back to back on one connection.
        const ttls = (await Promise.all(keys.map((k) => client.call('PTTL', k)))).map(Number);
        ops += keys.length + 1;
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i];
          const pttl = ttls[i];
          if (pttl === -2) continue; // vanished between SCAN and PTTL
          keysScanned++;
          entry.keysScanned++;
          const ttlSeconds = pttl === -1 ? null : Math.ceil(pttl / 1000);
          const cls = classes.find((c) => c.matchers.some((m) => m.test(key)));
          const className = cls?.policy.name ?? 'unclassified';
          if (cls) {
            cls.keys++;
            cls.all.add(key);
            bucket(cls.histogram, ttlSeconds);
            if (ttlSeconds === null) {
              cls.noTtl++;
              cls.withoutTtl.add(key);
            } else {
              cls.maxTtl = Math.max(cls.maxTtl ?? 0, ttlSeconds);
              if (cls.policy.maxTtlSeconds !== null && ttlSeconds > cls.policy.maxTtlSeconds) {
                cls.overMax++;
                cls.overMaxTtl.add(key);
              }
            }
          } else {
            unclassifiedKeys++;
            unclassified.add(key);
          }
          for (const d of detectInText(key)) if (d !== 'field_name_hint') group(nameHits, d, className).counter.add(key);

          // At least MIN_SAMPLES_PER_CLASS per class (unclassified included), then the sample rate.
          const classSampled = sampledPerClass.get(className) ?? 0;
          const wantSample = readValues && sampled < sampleMax && (classSampled < MIN_SAMPLES_PER_CLASS || Math.random() < sampleRate);
          if (wantSample) {
            sampled++;
            sampledPerClass.set(className, classSampled + 1);
            const raw = await readValue(client, key, maxBytes);
            ops += 2;
            if (raw) {
              const text = raw.toString('utf8');
              for (const d of detectInValue(text)) {
                if (d === 'field_name_hint') continue;
                const g = group(valueHits, d, className);
                g.counter.add(key);
                if (g.excerpts.length < EXCERPTS_PER_HIT) g.excerpts.push({ key, excerpt: maskedExcerpt(text) });
              }
              if (cls?.policy.name === 'phi_cache') {
                phiCache.sampled++;
                phiCache[valueShape(raw, envelope)]++;
              }
            }
          }
        }
        await pace();
      } while (cursor !== '0');
      if (coverage !== 'complete') break;
    }
  } catch (err) {
    coverage = 'aborted';
    coverageReason = String((err as Error).message ?? err).slice(0, 200);
  }

  const totalDbsize = databases.reduce((s, d) => s + d.dbsize, 0);
  const hitsOf = (map: Map<string, HitGroup>, withExcerpts: boolean): DetectorHit[] =>
    [...map.values()].flatMap((g) =>
      g.counter.patterns().map(({ pattern, count }) => ({
        detector: g.detector,
        keyClass: g.keyClass,
        pattern,
        count,
        excerpts: withExcerpts ? g.excerpts.filter((e) => g.counter.patternOf(e.key) === pattern).map((e) => e.excerpt) : [],
      })),
    );
  const commandsSent: Record<string, number> = {};
  for (const [verb, n] of Object.entries(client.sent)) if (n - (sentBefore[verb] ?? 0) > 0) commandsSent[verb] = n - (sentBefore[verb] ?? 0);

  const classAudits: KeyClassAudit[] = classes.map((c) => ({
    name: c.policy.name,
    ttlRequired: c.policy.ttlRequired,
    maxTtlSeconds: c.policy.maxTtlSeconds,
    phiAdjacent: c.policy.phiAdjacent,
    keys: c.keys,
    keysWithoutTtl: c.noTtl,
    keysOverMaxTtl: c.overMax,
    maxTtlSeenSeconds: c.maxTtl,
    ttlHistogram: c.histogram,
    topPatterns: top(c.all),
    topPatternsWithoutTtl: top(c.withoutTtl),
    topPatternsOverMaxTtl: top(c.overMaxTtl),
  }));

  return {
    targetRole,
    targetNote: targetRole === 'master' ? options.targetNote ?? 'the primary was read: no replica endpoint configured for this target' : null,
    coverage,
    coverageReason,
    coveredFraction: totalDbsize === 0 ? (coverage === 'complete' ? 1 : 0) : Math.min(1, keysScanned / totalDbsize),
    databases,
    keysScanned,
    commandsSent,
    durationMs: Date.now() - started,
    classes: classAudits,
    unclassified: { keys: unclassifiedKeys, topPatterns: top(unclassified) },
    keyNameHits: hitsOf(nameHits, false),
    values: { enabled: readValues, sampled, hits: hitsOf(valueHits, true), phiCache },
  };
}
