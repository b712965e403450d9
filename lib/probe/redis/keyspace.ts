// Read-only keyspace audit (catalog §5.2), streaming: each write carries SCAN (COUNT 1000) for the
// next page and PTTL for the keys of the page just received, so the server answers one batch while
// the scanner tallies the other. Per-key commands only where the key class needs them: PTTL for
// classes with a TTL rule, TYPE (and one bounded read) for the keys whose values are sampled.
// Memory stays constant: key names are reduced to class counts and normalized shapes per batch.

import type { KeyspaceAudit, KeyspaceAuditSettings } from '@/lib/facts/common';
import { DEFAULT_KEY_CLASSES, type KeyClass } from '@/lib/controls/thresholds';
import { chooseAuditNode } from './keyspace-node';
import { CommandWriter, perKeyPrefix, RespError, type RespConnection, type RespEndpoint, type RespValue } from './keyspace-resp';
import { KeyspaceTally } from './keyspace-tally';
import { examineValue, isReadableType, readCommand } from './keyspace-values';
import { UnparseableReplyError } from './outcome';
import { parseInfoFields, parseInfoSections } from './parse-info';
import type { ProbeTarget } from './target';

export { globToRegExp } from './keyspace-policy';
export { valueShape } from './keyspace-values';

/** Key classes (catalog §5.1); the schema and defaults live with the thresholds. */
export type KeyClassPolicy = KeyClass;

/** Live progress: keys scanned of the keys INFO keyspace counted when the audit started. */
export interface KeyspaceProgress {
  keysScanned: number;
  keysTotal: number;
  /** The database being scanned. */
  db: number;
  done: boolean;
}

export interface KeyspaceAuditOptions {
  keyClasses?: KeyClassPolicy[];
  /** Whole audit (default 60). */
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
  /** Replicas the inventory knows for this primary (ROLE adds the ones it lists). */
  replicas?: RespEndpoint[];
  /** SCAN COUNT (default 1000; lowered under a small rate limit so batches stay small). */
  scanCount?: number;
  /** Per reply timeout, ms (default 5000). */
  timeoutMs?: number;
  /** Called at most every 250 ms while scanning, and once at the end. */
  onProgress?: (progress: KeyspaceProgress) => void;
}

/** At least this many values per class are sampled when available (catalog §5.2 step 4). */
const MIN_SAMPLES_PER_CLASS = 20;
const PTTL = perKeyPrefix('PTTL');
const TYPE = perKeyPrefix('TYPE');
const PROGRESS_EVERY_MS = 250;

interface Sample {
  /** latin1 bytes of the key name. */
  key: string;
  classIndex: number;
  shape: string;
}
interface TypedSample extends Sample {
  type: string;
}

/** What one written batch asked for, in reply order. */
interface Batch {
  pttlKeys: string[];
  /** Class of each key in `pttlKeys` (classified when the page arrived). */
  pttlClasses: number[];
  types: Sample[];
  reads: TypedSample[];
  scan: boolean;
}

class StopAudit extends Error {}

const sizeOf = (b: Batch) => b.pttlKeys.length + b.types.length + b.reads.length + (b.scan ? 1 : 0);

function settingsOf(options: KeyspaceAuditOptions): KeyspaceAuditSettings {
  const maxOpsPerSec = options.maxOpsPerSec ?? 0;
  const fallbackCount = maxOpsPerSec > 0 ? Math.max(10, Math.min(1000, Math.floor(maxOpsPerSec / 5))) : 1000;
  return {
    sampleRate: options.readValues ? (options.valueSampleRate ?? 0.01) : 0,
    sampleMax: options.readValues ? (options.valueSampleMax ?? 2000) : 0,
    maxOpsPerSec,
    timeBudgetSeconds: options.timeBudgetSeconds ?? 60,
    maxKeys: options.maxKeys ?? null,
    scanCount: options.scanCount ?? fallbackCount,
  };
}

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** Runs the audit against `target` (or a replica of it). Failures after connecting end as coverage `aborted`. */
export async function auditKeyspace(target: ProbeTarget, options: KeyspaceAuditOptions, sessionSent: Record<string, number> = {}): Promise<KeyspaceAudit> {
  const started = Date.now();
  const settings = settingsOf(options);
  const deadline = started + settings.timeBudgetSeconds * 1000;
  const readValues = Boolean(options.readValues);
  const maxBytes = options.valueReadMaxBytes ?? 4096;
  const envelope = options.ciphertextEnvelope ? new RegExp(options.ciphertextEnvelope) : null;
  const tally = new KeyspaceTally(options.keyClasses ?? DEFAULT_KEY_CLASSES);

  // Every command the audit's connections send; AUTH is the session's (reported in the probe's meta).
  const sent: Record<string, number> = {};
  const reportSent = () => {
    for (const [verb, n] of Object.entries(sent)) sessionSent[verb] = (sessionSent[verb] ?? 0) + n;
  };
  let node: Awaited<ReturnType<typeof chooseAuditNode>>;
  try {
    node = await chooseAuditNode(target, options.replicas ?? target.replicas ?? [], options.timeoutMs ?? 5000, sent);
  } catch (err) {
    reportSent();
    throw err;
  }
  const conn: RespConnection = node.connection;

  const databases: KeyspaceAudit['databases'] = [];
  const phiCache = { sampled: 0, ciphertextLike: 0, plaintextLike: 0, undetermined: 0 };
  const phiCacheIndex = (options.keyClasses ?? DEFAULT_KEY_CLASSES).findIndex((c) => c.name === 'phi_cache');
  const chosenPerClass = new Map<number, number>();
  const readPerClass = new Map<number, number>();
  let samplesTaken = 0; // queued or read: the cap counts both
  let sampled = 0;
  let coverage: KeyspaceAudit['coverage'] = 'complete';
  let coverageReason: string | null = null;
  let keysTotal = 0;
  let lastProgress = 0;
  let currentDb = 0;

  const ops = () => Object.values(sent).reduce((a, b) => a + b, 0);
  const progress = (force: boolean, done = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    options.onProgress({ keysScanned: tally.keys, keysTotal, db: currentDb, done });
  };

  /** Waits until sending `n` more commands keeps the rate at or under the limit; false if the budget ends first. */
  const pace = async (n: number): Promise<boolean> => {
    if (settings.maxOpsPerSec <= 0) return Date.now() < deadline;
    const due = started + ((ops() + n) / settings.maxOpsPerSec) * 1000;
    if (due >= deadline) return false;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return Date.now() < deadline;
  };

  const queuedTypes: Sample[] = [];
  const queuedReads: TypedSample[] = [];

  const wantSample = (classIndex: number): boolean => {
    if (!readValues || samplesTaken >= settings.sampleMax) return false;
    const n = chosenPerClass.get(classIndex) ?? 0;
    if (n >= MIN_SAMPLES_PER_CLASS && Math.random() >= settings.sampleRate) return false;
    chosenPerClass.set(classIndex, n + 1);
    samplesTaken++;
    return true;
  };

  /** Writes a batch, SCAN first: its reply settles while the server still answers the PTTLs. */
  const write = (batch: Batch, cursor: string): { scan: Promise<RespValue[]> | null; rest: Promise<RespValue[]> } => {
    const writer = new CommandWriter();
    if (batch.scan) {
      conn.admit(['SCAN']);
      writer.add(['SCAN', cursor, 'COUNT', settings.scanCount]);
    }
    const scanCount = writer.count;
    if (batch.pttlKeys.length) {
      conn.admit(['PTTL'], batch.pttlKeys.length);
      writer.addPerKey(PTTL, batch.pttlKeys);
    }
    if (batch.types.length) {
      conn.admit(['TYPE'], batch.types.length);
      writer.addPerKey(
        TYPE,
        batch.types.map((t) => t.key),
      );
    }
    for (const r of batch.reads) {
      const args = readCommand(r.type, Buffer.from(r.key, 'latin1'), maxBytes)!;
      conn.admit([String(args[0])]);
      writer.add(args);
    }
    const restCount = writer.count - scanCount;
    const [scan, rest] = conn.sendParts(writer.take(), [scanCount, restCount]);
    return { scan: batch.scan ? scan : null, rest };
  };

  const tallyKey = (key: string, classIndex: number, pttl: number | null) => {
    const { shape } = tally.add(key, classIndex, pttl);
    if (wantSample(classIndex)) queuedTypes.push({ key, classIndex, shape });
  };

  /** Tallies the replies of `batch` (all but its SCAN reply). */
  const absorb = (batch: Batch, replies: RespValue[]) => {
    let i = 0;
    for (let k = 0; k < batch.pttlKeys.length; k++) {
      const pttl = replies[i++];
      if (typeof pttl !== 'number') throw new UnparseableReplyError(`PTTL (${pttl instanceof RespError ? pttl.message : typeof pttl})`);
      if (pttl === -2) continue; // vanished between SCAN and PTTL
      tallyKey(batch.pttlKeys[k], batch.pttlClasses[k], pttl);
    }
    for (const s of batch.types) {
      const type = replies[i++];
      if (typeof type === 'string' && isReadableType(type)) queuedReads.push({ ...s, type });
    }
    for (const r of batch.reads) {
      const reply = replies[i++];
      if (reply instanceof RespError) continue; // e.g. the key changed type in between
      const findings = examineValue(r.type, reply, maxBytes, envelope);
      if (!findings) continue;
      sampled++;
      readPerClass.set(r.classIndex, (readPerClass.get(r.classIndex) ?? 0) + 1);
      tally.addValueHits(r.classIndex, r.shape, findings.detectors, findings.excerpt);
      if (r.classIndex === phiCacheIndex) {
        phiCache.sampled++;
        phiCache[findings.shape]++;
      }
    }
  };

  const budgetSpent = () => new StopAudit(`time budget of ${settings.timeBudgetSeconds} s reached`);

  /**
   * One database. Each write carries SCAN for the next page and PTTL for the page just received, so
   * two batches are queued at the server: it answers one while the scanner tallies the other.
   */
  const scanDb = async () => {
    let cursor = '0';
    let scanning = true;
    let requested = tally.keys; // keys whose PTTL was (or is being) asked for
    let pending: { batch: Batch; replies: Promise<RespValue[]> } | null = null;
    if (!(await pace(1))) throw budgetSpent();
    let scanReply = write({ pttlKeys: [], pttlClasses: [], types: [], reads: [], scan: true }, cursor).scan;
    while (scanReply || pending) {
      let page: string[] = [];
      if (scanReply) {
        const [reply] = await scanReply;
        scanReply = null;
        if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) throw new UnparseableReplyError('SCAN');
        cursor = String(reply[0]);
        page = reply[1] as string[];
        if (cursor === '0') scanning = false;
      }
      // The key cap: ask PTTL for no more keys than allowed, and stop scanning once it is reached.
      if (settings.maxKeys !== null && requested + page.length >= settings.maxKeys) {
        const allowed = Math.max(0, settings.maxKeys - requested);
        if (scanning || page.length > allowed) {
          coverage = 'partial';
          coverageReason = `key cap of ${settings.maxKeys} reached`;
        }
        page = page.slice(0, allowed);
        scanning = false;
      }
      requested += page.length;
      const next: Batch = { pttlKeys: [], pttlClasses: [], types: queuedTypes.splice(0), reads: queuedReads.splice(0), scan: scanning };
      // Keys whose class has no TTL rule are counted now; PTTL is asked only where a rule needs it.
      for (const key of page) {
        const classIndex = tally.classOf(key);
        if (tally.needsTtl(classIndex)) {
          next.pttlKeys.push(key);
          next.pttlClasses.push(classIndex);
        } else tallyKey(key, classIndex, null);
      }
      let written: ReturnType<typeof write> | null = null;
      if (sizeOf(next) > 0) {
        if (!(await pace(sizeOf(next)))) {
          if (pending) absorb(pending.batch, await pending.replies);
          throw budgetSpent();
        }
        written = write(next, cursor);
      }
      if (pending) absorb(pending.batch, await pending.replies);
      pending = written ? { batch: next, replies: written.rest } : null;
      scanReply = written?.scan ?? null;
      // Samples chosen while tallying the last batch, when nothing else is left to carry them.
      if (!pending && (queuedTypes.length || queuedReads.length)) {
        const samples: Batch = { pttlKeys: [], pttlClasses: [], types: queuedTypes.splice(0), reads: queuedReads.splice(0), scan: false };
        if (!(await pace(sizeOf(samples)))) throw budgetSpent();
        pending = { batch: samples, replies: write(samples, cursor).rest };
      }
      progress(false);
    }
  };

  let dbs: number[] = [];
  const infoKeys = new Map<number, number>();
  try {
    const info = parseInfoSections(String(await conn.call('INFO')));
    const version = info.server?.redis_version ?? '0.0';
    const keyspace = info.keyspace ?? {};
    dbs = Object.keys(keyspace)
      .map((k) => Number(/^db(\d+)$/.exec(k)?.[1]))
      .filter((n) => Number.isInteger(n))
      .sort((a, b) => a - b);
    for (const db of dbs) infoKeys.set(db, Number(parseInfoFields(keyspace[`db${db}`]).keys ?? 0));
    keysTotal = [...infoKeys.values()].reduce((a, b) => a + b, 0);
    // Sampling must not change LRU/LFU data (Redis ≥ 7.2; older servers have no such switch).
    if (readValues && versionAtLeast(version, 7, 2)) await conn.call('CLIENT', 'NO-TOUCH', 'ON');
    progress(true);
    for (const db of dbs) {
      currentDb = db;
      await conn.call('SELECT', db);
      const entry = { db, dbsize: Number(await conn.call('DBSIZE')), keysScanned: 0 };
      databases.push(entry);
      const before = tally.keys;
      try {
        await scanDb();
      } finally {
        entry.keysScanned = tally.keys - before;
      }
      if (coverage !== 'complete') break;
    }
  } catch (err) {
    coverage = err instanceof StopAudit ? 'partial' : 'aborted';
    coverageReason = err instanceof StopAudit ? `${err.message} after ${tally.keys} keys` : String((err as Error).message ?? err).slice(0, 200);
  } finally {
    conn.close();
    reportSent();
  }
  // Databases not reached still count towards the covered fraction.
  for (const db of dbs) if (!databases.some((d) => d.db === db)) databases.push({ db, dbsize: infoKeys.get(db) ?? 0, keysScanned: 0 });
  progress(true, true);

  const totalDbsize = databases.reduce((s, d) => s + d.dbsize, 0);
  const summary = tally.summary();
  const commandsSent = Object.fromEntries(Object.entries(sent).filter(([verb]) => verb !== 'auth'));
  return {
    targetRole: node.role,
    targetNote: node.note,
    coverage,
    coverageReason,
    coveredFraction: totalDbsize === 0 ? (coverage === 'complete' ? 1 : 0) : Math.min(1, tally.keys / totalDbsize),
    databases: databases.sort((a, b) => a.db - b.db),
    keysScanned: tally.keys,
    commandsSent,
    durationMs: Date.now() - started,
    classes: summary.classes,
    unclassified: summary.unclassified,
    keyNameHits: summary.keyNameHits,
    values: {
      enabled: readValues,
      sampled,
      hits: summary.valueHits,
      phiCache,
      sampledPerClass: Object.fromEntries([...readPerClass].map(([i, n]) => [tally.className(i), n])),
    },
    settings,
    replicas: node.replicas,
    opsSent: ops(),
  };
}
