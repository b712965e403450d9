// Read-only keyspace audit (catalog §5.2), streaming: one connection walks SCAN (COUNT 1000) and asks
// for the next page as soon as a page arrives; a second carries PTTL for the keys of the pages
// received, so the server always has work queued while the scanner tallies. Per-key commands only
// where the key class needs them: PTTL for classes with a TTL rule, TYPE (and one bounded read) for the keys whose values are sampled.
// Memory stays constant: key names are reduced to class counts and normalized shapes per batch.
// Cluster mode (INFO server redis_mode): db0 only, READONLY on both connections of a replica.

import type { KeyspaceAudit, KeyspaceAuditSettings } from '@/lib/facts/common';
import { DEFAULT_KEY_CLASSES, type KeyClass } from '@/lib/controls/thresholds';
import { chooseAuditNode, openAuthenticated } from './keyspace-node';
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
/** Per-key batches awaiting replies while the next SCAN page is read. */
const MAX_KEY_BATCHES_IN_FLIGHT = 4;
const CLUSTER_NOTE = "cluster mode: this node's keys only (slots it serves); audit every primary";

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
}

class StopAudit extends Error {}

const sizeOf = (b: Batch) => b.pttlKeys.length + b.types.length + b.reads.length;

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
  const timeoutMs = options.timeoutMs ?? 5000;
  let node: Awaited<ReturnType<typeof chooseAuditNode>>;
  // Two connections to the chosen node: one walks SCAN, the other carries the per-key commands.
  let keyConn: RespConnection;
  try {
    node = await chooseAuditNode(target, options.replicas ?? target.replicas ?? [], timeoutMs, sent);
    try {
      keyConn = await openAuthenticated(target, node.address, timeoutMs, sent);
    } catch (err) {
      node.connection.close();
      throw err;
    }
  } catch (err) {
    reportSent();
    throw err;
  }
  const scanConn: RespConnection = node.connection;

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

  // Samples still owed to classes below their minimum (the policy's classes and unclassified): beyond
  // its minimum a class samples only what leaves those under the cap, so the first class SCAN meets
  // cannot take the whole `valueSampleMax`.
  let owedMinimums = ((options.keyClasses ?? DEFAULT_KEY_CLASSES).length + 1) * MIN_SAMPLES_PER_CLASS;
  const wantSample = (classIndex: number): boolean => {
    if (!readValues || samplesTaken >= settings.sampleMax) return false;
    const n = chosenPerClass.get(classIndex) ?? 0;
    if (n < MIN_SAMPLES_PER_CLASS) owedMinimums--;
    else if (Math.random() >= settings.sampleRate || samplesTaken + owedMinimums >= settings.sampleMax) return false;
    chosenPerClass.set(classIndex, n + 1);
    samplesTaken++;
    return true;
  };

  /** Writes the per-key commands of a batch on the key connection; resolves with their replies. */
  const writeKeys = (batch: Batch): Promise<RespValue[]> => {
    const writer = new CommandWriter();
    if (batch.pttlKeys.length) {
      keyConn.admit(['PTTL'], batch.pttlKeys.length);
      writer.addPerKey(PTTL, batch.pttlKeys);
    }
    if (batch.types.length) {
      keyConn.admit(['TYPE'], batch.types.length);
      writer.addPerKey(
        TYPE,
        batch.types.map((t) => t.key),
      );
    }
    for (const r of batch.reads) {
      const args = readCommand(r.type, Buffer.from(r.key, 'latin1'), maxBytes)!;
      keyConn.admit([String(args[0])]);
      writer.add(args);
    }
    const count = writer.count;
    return keyConn.send(writer.take(), count);
  };

  const writeScan = (cursor: string): Promise<RespValue[]> => {
    const writer = new CommandWriter();
    scanConn.admit(['SCAN']);
    writer.add(['SCAN', cursor, 'COUNT', settings.scanCount]);
    return scanConn.send(writer.take(), 1);
  };

  const tallyKey = (key: string, classIndex: number, pttl: number) => {
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
   * One database. SCAN runs on its own connection and asks for the next page as soon as a page
   * arrives; the page's per-key commands go down the key connection. The server interleaves both,
   * so it always has work queued while the scanner classifies and tallies; at most
   * MAX_KEY_BATCHES_IN_FLIGHT batches wait for replies (constant memory).
   */
  const scanDb = async () => {
    let cursor = '0';
    let requested = tally.keys; // keys whose PTTL was (or is being) asked for
    const inFlight: { batch: Batch; replies: Promise<RespValue[]> }[] = [];
    const absorbOldest = async () => {
      const oldest = inFlight.shift()!;
      absorb(oldest.batch, await oldest.replies);
    };
    const drain = async () => {
      while (inFlight.length) await absorbOldest();
    };
    if (!(await pace(1))) throw budgetSpent();
    let scanReply: Promise<RespValue[]> | null = writeScan(cursor);
    while (scanReply || inFlight.length || queuedTypes.length || queuedReads.length) {
      let page: string[] = [];
      if (scanReply) {
        const [reply] = await scanReply;
        scanReply = null;
        if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) throw new UnparseableReplyError('SCAN');
        cursor = String(reply[0]);
        page = reply[1] as string[];
        let scanning = cursor !== '0';
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
        if (scanning) {
          if (!(await pace(1))) {
            await drain();
            throw budgetSpent();
          }
          scanReply = writeScan(cursor);
        }
      }
      const next: Batch = { pttlKeys: [], pttlClasses: [], types: queuedTypes.splice(0), reads: queuedReads.splice(0) };
      // Every key's TTL is read: each class reports keys without expiry and its TTL histogram, also
      // the classes without a TTL rule (unclassified keys count as PHI-adjacent, catalog §5.1).
      for (const key of page) {
        next.pttlKeys.push(key);
        next.pttlClasses.push(tally.classOf(key));
      }
      if (sizeOf(next) > 0) {
        if (!(await pace(sizeOf(next)))) {
          await drain();
          throw budgetSpent();
        }
        inFlight.push({ batch: next, replies: writeKeys(next) });
      }
      // Samples chosen while tallying are carried by the next batch; with no page left to carry
      // them, drain so the loop sends them on their own.
      if (inFlight.length > MAX_KEY_BATCHES_IN_FLIGHT || (!scanReply && inFlight.length)) await absorbOldest();
      progress(false);
    }
  };

  let dbs: number[] = [];
  const infoKeys = new Map<number, number>();
  let targetNote = node.note;
  try {
    const info = parseInfoSections(String(await scanConn.call('INFO')));
    const version = info.server?.redis_version ?? '0.0';
    const cluster = info.server?.redis_mode === 'cluster';
    const keyspace = info.keyspace ?? {};
    dbs = Object.keys(keyspace)
      .map((k) => Number(/^db(\d+)$/.exec(k)?.[1]))
      .filter((n) => Number.isInteger(n) && (!cluster || n === 0))
      .sort((a, b) => a - b);
    if (cluster) {
      // No CLUSTER command is allowlisted: each node is its own target and holds only its slots' keys.
      targetNote = [targetNote, CLUSTER_NOTE].filter(Boolean).join('; ');
      // A cluster replica answers keyed reads only after READONLY (else MOVED to its primary).
      if (node.role === 'replica') await Promise.all([scanConn.call('READONLY'), keyConn.call('READONLY')]);
    }
    for (const db of dbs) infoKeys.set(db, Number(parseInfoFields(keyspace[`db${db}`]).keys ?? 0));
    keysTotal = [...infoKeys.values()].reduce((a, b) => a + b, 0);
    // Sampling must not change LRU/LFU data (Redis ≥ 7.2; older servers have no such switch).
    if (readValues && versionAtLeast(version, 7, 2)) await keyConn.call('CLIENT', 'NO-TOUCH', 'ON');
    progress(true);
    for (const db of dbs) {
      currentDb = db;
      await Promise.all([scanConn.call('SELECT', db), keyConn.call('SELECT', db)]);
      const entry = { db, dbsize: Number(await scanConn.call('DBSIZE')), keysScanned: 0 };
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
    scanConn.close();
    keyConn.close();
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
    targetNote,
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
