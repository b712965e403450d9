// The streaming keyspace audit against real redis-server processes with known keyspaces: exact
// counts per class, PHI detectors on names and values, evidence without PHI or key names, replica
// preference, rate limit / time budget / key cap, and the read-only proof (MONITOR).

import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@/lib/controls/thresholds';
import type { KeyspaceAudit } from '@/lib/facts/common';
import { auditKeyspace, type KeyspaceProgress } from '@/lib/probe/redis/keyspace';
import { connectSandbox, findFreePort, startReplica, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { scanTarget } from '@/lib/scan';
import { targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';
import { EXPECTED, seedBulk, seedKnownKeyspace, type SeededKeyspace } from './seed';

let primary: StartedSandbox;
let replica: StartedSandbox;
let bulk: StartedSandbox;
let admin: Redis;
let seeded: SeededKeyspace;
let keysOnly: KeyspaceAudit;
let withValues: KeyspaceAudit;
const progress: KeyspaceProgress[] = [];
const BULK_KEYS = 20_000;

beforeAll(async () => {
  [primary, bulk] = await Promise.all([startSandbox('phiProblems'), startSandbox('phiProblems')]);
  admin = connectSandbox(primary);
  seeded = await seedKnownKeyspace(admin);
  const bulkAdmin = connectSandbox(bulk);
  await seedBulk(bulkAdmin, BULK_KEYS, 0);
  bulkAdmin.disconnect();
  keysOnly = await auditKeyspace(targetFor(primary), { onProgress: (p) => progress.push(p) });
  withValues = await auditKeyspace(targetFor(primary), { readValues: true, valueSampleRate: 1 });
});

afterAll(async () => {
  admin?.disconnect();
  await replica?.stop();
  await Promise.all([primary?.stop(), bulk?.stop()]);
});

const cls = (audit: KeyspaceAudit, name: string) => audit.classes.find((c) => c.name === name)!;

describe('TTL policy (keys only)', () => {
  it('counts every class exactly, across databases', () => {
    expect(keysOnly.coverage).toBe('complete');
    expect(keysOnly.coveredFraction).toBe(1);
    expect(keysOnly.databases).toEqual([
      { db: 0, dbsize: seeded.db0, keysScanned: seeded.db0 },
      { db: 1, dbsize: seeded.db1, keysScanned: seeded.db1 },
    ]);
    expect(keysOnly.keysScanned).toBe(seeded.keys.length);
    for (const name of ['session', 'phi_cache', 'rate_limit', 'queue', 'feature_flag'] as const) expect(cls(keysOnly, name), name).toMatchObject(EXPECTED[name]);
    expect(keysOnly.unclassified.keys).toBe(EXPECTED.unclassified);
    // Classes without a TTL rule and unclassified keys report their TTLs too (none of these expire).
    expect(keysOnly.unclassified).toMatchObject({ keysWithoutTtl: EXPECTED.unclassified, ttlHistogram: expect.objectContaining({ none: EXPECTED.unclassified }) });
    expect(keysOnly.unclassified.topPatternsWithoutTtl).toContainEqual({ pattern: 'patient:{ssn}', count: 5 });
  });

  it('fills the TTL histogram and the largest TTL seen; patterns are normalized', () => {
    const session = cls(keysOnly, 'session');
    expect(session.ttlHistogram).toEqual({ none: 9, le60s: 0, le300s: 0, le1800s: 30, le3600s: 0, le86400s: 3, gt86400s: 0 });
    // Seeded with EX 7200; the clock runs between seeding and reading (a loaded machine takes seconds).
    expect(session.maxTtlSeenSeconds).toBeGreaterThan(7100);
    expect(session.maxTtlSeenSeconds).toBeLessThanOrEqual(7200);
    expect(session.topPatternsWithoutTtl).toEqual([{ pattern: 'session:{id}', count: 9 }]);
    expect(session.topPatternsOverMaxTtl).toEqual([{ pattern: 'sess:{id}', count: 3 }]);
    const phi = cls(keysOnly, 'phi_cache');
    expect(phi.ttlHistogram.le300s).toBe(10);
    expect(phi.ttlHistogram.le86400s).toBe(4);
    expect(phi.topPatternsOverMaxTtl).toEqual([{ pattern: 'phi:{n}', count: 4 }]);
  });

  it('sends one PTTL per key, and no TYPE or value read without sampling', () => {
    for (const c of keysOnly.classes) expect(c.ttlChecked, c.name).toBe(true);
    expect(keysOnly.commandsSent.pttl).toBe(seeded.keys.length);
    expect(Object.keys(keysOnly.commandsSent).sort()).toEqual(['dbsize', 'info', 'pttl', 'role', 'scan', 'select']);
    expect(keysOnly.values).toMatchObject({ enabled: false, sampled: 0, hits: [] });
  });

  it('reports identifiers in key names by detector and class, as patterns', () => {
    const hits = keysOnly.keyNameHits.map((h) => ({ detector: h.detector, keyClass: h.keyClass, pattern: h.pattern, count: h.count }));
    expect(hits).toEqual(
      expect.arrayContaining([
        { detector: 'ssn', keyClass: 'unclassified', pattern: 'patient:{ssn}', count: 5 },
        { detector: 'email', keyClass: 'unclassified', pattern: '{s}:{email}', count: 1 },
        { detector: 'phone', keyClass: 'unclassified', pattern: '{s}:{s}:{phone}', count: 1 },
        { detector: 'card', keyClass: 'unclassified', pattern: '{s}:{card}', count: 1 },
      ]),
    );
    expect(hits).toHaveLength(4);
  });

  it('reports progress: keys scanned of the keys counted at the start, ending done', () => {
    expect(progress[0]).toMatchObject({ keysScanned: 0, keysTotal: seeded.keys.length, done: false });
    expect(progress.at(-1)).toMatchObject({ keysScanned: seeded.keys.length, keysTotal: seeded.keys.length, done: true });
    for (let i = 1; i < progress.length; i++) expect(progress[i].keysScanned).toBeGreaterThanOrEqual(progress[i - 1].keysScanned);
  });
});

describe('raw-PHI detection in sampled values', () => {
  const hit = (detector: string, keyClass: string) => withValues.values.hits.filter((h) => h.detector === detector && h.keyClass === keyClass);

  it('samples every value at rate 1 and finds the seeded identifiers per detector and class', () => {
    expect(withValues.values.enabled).toBe(true);
    expect(withValues.values.sampled).toBe(seeded.keys.length);
    expect(withValues.values.sampledPerClass).toMatchObject({ session: 42, phi_cache: 14, queue: 3, unclassified: EXPECTED.unclassified });
    expect(hit('ssn', 'unclassified').find((h) => h.pattern === 'patient:{ssn}')?.count).toBe(5);
    expect(hit('dob', 'unclassified').map((h) => h.pattern).sort()).toEqual(['patient:{ssn}', '{s}:{n}:{s}']);
    expect(hit('email', 'queue')).toEqual([expect.objectContaining({ pattern: 'bull:mail:{s}', count: 1 })]);
    expect(hit('mrn', 'phi_cache')).toEqual([expect.objectContaining({ pattern: 'phi:{n}', count: 4 })]);
  });

  it('judges hash fields by their names (bare SSN, birth date, phone)', () => {
    for (const d of ['ssn', 'dob', 'phone', 'field_name_hint']) expect(hit(d, 'unclassified').some((h) => h.pattern === '{s}:{n}:{s}'), d).toBe(true);
    const excerpt = hit('ssn', 'unclassified').find((h) => h.pattern === '{s}:{n}:{s}')!.excerpts[0];
    expect(excerpt).toBe('{"ssn":⟨SSN⟩,"birthDate":⟨DOB⟩,"phone":⟨PHONE⟩,"plan":⟨str⟩,"firstName":⟨str⟩}');
  });

  it('does not flag ciphertext, UUIDs, timestamps, session JSON or flags', () => {
    const flagged = withValues.values.hits.filter((h) => h.detector !== 'field_name_hint').map((h) => h.pattern);
    for (const clean of ['device:{id}', 'blob:{n}:enc', 'session:{id}', 'sess:{id}', 'flag:{s}', 'ratelimit:api:{n}']) expect(flagged, clean).not.toContain(clean);
    expect(withValues.values.phiCache).toEqual({ sampled: 14, ciphertextLike: 10, plaintextLike: 4, undetermined: 0 });
  });

  it('reads values with TYPE then one bounded read per key, only allowlisted verbs', () => {
    expect(withValues.commandsSent.type).toBe(seeded.keys.length);
    expect(Object.keys(withValues.commandsSent).sort()).toEqual(['dbsize', 'getrange', 'hscan', 'info', 'lrange', 'pttl', 'role', 'scan', 'select', 'type']);
  });
});

describe('evidence', () => {
  it('holds no seeded PHI value and no full key name, in the audit or in the stored scan', async () => {
    const scan = await scanTarget(targetFor(primary), {
      thresholds: { ...DEFAULT_THRESHOLDS, valueSampleRate: 1 },
      fingerprintKey: TEST_FINGERPRINT_KEY,
      keyspace: 'values',
    });
    const stored = JSON.stringify({ withValues, keysOnly, facts: scan.facts, results: scan.results });
    for (const value of seeded.phiValues) expect(stored, value).not.toContain(value);
    for (const value of seeded.phiValues) expect(stored, value).not.toContain(value.replace(/[ -]/g, ''));
    for (const key of seeded.keys) expect(stored, key).not.toContain(key);
    // The findings name patterns instead.
    const data004 = scan.results.find((r) => r.controlId === 'RED-DATA-004')!;
    expect(data004.status).toBe('fail');
    expect(data004.reason).toContain('patient:{ssn}');
    expect(scan.results.find((r) => r.controlId === 'RED-DATA-003')!.status).toBe('fail');
  });
});

describe('budgets', () => {
  it('a rate limit with a time budget: stops partial, never above the rate, verdicts not_assessable', async () => {
    const rate = 2000;
    const audit = await auditKeyspace(targetFor(bulk), { maxOpsPerSec: rate, timeBudgetSeconds: 1 });
    expect(audit.coverage).toBe('partial');
    expect(audit.coverageReason).toMatch(/time budget of 1 s reached/);
    expect(audit.opsSent!).toBeLessThanOrEqual(rate * 1);
    expect(audit.keysScanned).toBeLessThan(BULK_KEYS);
    expect(audit.keysScanned).toBeGreaterThan(0);
    expect(audit.coveredFraction).toBeCloseTo(audit.keysScanned / BULK_KEYS, 5);
    expect(audit.settings).toMatchObject({ maxOpsPerSec: rate, timeBudgetSeconds: 1 });
  });

  it('the same keyspace without a rate limit is covered completely', async () => {
    const audit = await auditKeyspace(targetFor(bulk), { timeBudgetSeconds: 60 });
    expect(audit).toMatchObject({ coverage: 'complete', keysScanned: BULK_KEYS, coveredFraction: 1 });
  });

  it('a key cap stops at exactly that many keys', async () => {
    const audit = await auditKeyspace(targetFor(bulk), { maxKeys: 5000 });
    expect(audit).toMatchObject({ coverage: 'partial', coverageReason: 'key cap of 5000 reached', keysScanned: 5000 });
    expect(audit.commandsSent.pttl).toBe(5000);
  });

  it('partial coverage: DATA controls fail on a violation found, else not_assessable with the covered share', async () => {
    const scan = await scanTarget(targetFor(primary), {
      thresholds: { ...DEFAULT_THRESHOLDS, keyspaceScanMaxKeys: 30 },
      fingerprintKey: TEST_FINGERPRINT_KEY,
      keyspace: 'keys',
    });
    const status = (id: string) => scan.results.find((r) => r.controlId === id)!;
    expect(scan.facts!.keyspace).toMatchObject({ ok: true, value: { coverage: 'partial', keysScanned: 30 } });
    const data006 = status('RED-DATA-006');
    expect(['fail', 'not_assessable']).toContain(data006.status);
    for (const id of ['RED-DATA-001', 'RED-DATA-002', 'RED-DATA-004']) {
      const r = status(id);
      expect(r.status, id).not.toBe('pass');
      if (r.status === 'not_assessable') expect(r.reason, id).toMatch(/% of keys covered/);
    }
    expect(status('RED-DATA-007').status).toBe('not_assessable');
  });
});

describe('a scanner user without ROLE', () => {
  it('audits the node as given and says the role is unknown', async () => {
    const bulkAdmin = connectSandbox(bulk);
    await bulkAdmin.call('ACL', 'SETUSER', 'norole', 'on', '>norole-pass-123', '%R~*', '+info', '+select', '+dbsize', '+scan', '+pttl');
    bulkAdmin.disconnect();
    const audit = await auditKeyspace({ ...targetFor(bulk), username: 'norole', password: 'norole-pass-123' }, {});
    expect(audit).toMatchObject({ coverage: 'complete', keysScanned: BULK_KEYS, targetRole: 'master' });
    expect(audit.targetNote).toMatch(/^ROLE unavailable \(NOPERM/);
  });
});

describe('replica preference', () => {
  beforeAll(async () => {
    replica = await startReplica(primary);
  });

  it('given the primary, audits the replica ROLE lists, with the same counts', async () => {
    const audit = await auditKeyspace(targetFor(primary), {});
    expect(audit.targetRole).toBe('replica');
    expect(audit.targetNote).toBeNull();
    expect(audit.replicas).toEqual([{ endpoint: `127.0.0.1:${replica.port}`, source: 'role', outcome: 'used', reason: null }]);
    expect(audit.keysScanned).toBe(seeded.keys.length);
    expect(cls(audit, 'session')).toMatchObject(EXPECTED.session);
  });

  it('an unreachable inventory replica is recorded, and the next known one used', async () => {
    const audit = await auditKeyspace({ ...targetFor(primary), replicas: [{ host: '127.0.0.1', port: 1 }] }, {});
    expect(audit.targetRole).toBe('replica');
    expect(audit.replicas?.map((r) => [r.endpoint, r.source, r.outcome])).toEqual([
      ['127.0.0.1:1', 'inventory', 'unreachable'],
      [`127.0.0.1:${replica.port}`, 'role', 'used'],
    ]);
  });

  it("uses only a replica of this primary with a live link: another primary's replica and a cut-off replica are refused, and why", async () => {
    // The inventory points at a replica of another primary — a former replica of this one, promoted
    // (so it runs a replication history of its own, with the same users) — and at a former replica
    // that now follows a primary nobody runs (its link never comes up): neither holds this keyspace
    // as it is now.
    const [promoted, cutOff] = await Promise.all([startReplica(primary), startReplica(primary)]);
    const promotedAdmin = connectSandbox(promoted);
    const cutOffAdmin = connectSandbox(cutOff);
    let otherReplica: StartedSandbox | null = null;
    try {
      await promotedAdmin.call('REPLICAOF', 'NO', 'ONE');
      otherReplica = await startReplica(promoted);
      await cutOffAdmin.call('REPLICAOF', '127.0.0.1', String(await findFreePort()));
      const audit = await auditKeyspace(
        {
          ...targetFor(primary),
          replicas: [
            { host: '127.0.0.1', port: otherReplica.port },
            { host: '127.0.0.1', port: cutOff.port },
          ],
        },
        {},
      );
      expect(audit.replicas).toEqual([
        { endpoint: `127.0.0.1:${otherReplica.port}`, source: 'inventory', outcome: 'other_primary', reason: expect.stringMatching(/^it replicates another primary \(master_replid [0-9a-f]{8}…/) },
        { endpoint: `127.0.0.1:${cutOff.port}`, source: 'inventory', outcome: 'not_in_sync', reason: expect.stringMatching(/link to the primary is "(connect|connecting)"/) },
        { endpoint: `127.0.0.1:${replica.port}`, source: 'role', outcome: 'used', reason: null },
      ]);
      expect(audit).toMatchObject({ targetRole: 'replica', keysScanned: seeded.keys.length });
      expect(audit.commandsSent.info).toBeGreaterThan(1); // INFO replication on the candidates and the primary
    } finally {
      promotedAdmin.disconnect();
      cutOffAdmin.disconnect();
      await otherReplica?.stop();
      await Promise.all([promoted.stop(), cutOff.stop()]);
    }
  });

  it('given the replica itself, audits it; DATA-007 passes its target check', async () => {
    const scan = await scanTarget(targetFor(replica), { thresholds: DEFAULT_THRESHOLDS, fingerprintKey: TEST_FINGERPRINT_KEY, keyspace: 'keys' });
    expect(scan.facts!.keyspace).toMatchObject({ ok: true, value: { targetRole: 'replica', coverage: 'complete', keysScanned: seeded.keys.length } });
    const data007 = scan.results.find((r) => r.controlId === 'RED-DATA-007')!;
    expect(JSON.stringify(data007.observed)).toContain('"targetRole":"replica"');
  });
});

describe('over TLS with client certificates', () => {
  let tlsPrimary: StartedSandbox;
  let tlsReplica: StartedSandbox;
  beforeAll(async () => {
    tlsPrimary = await startSandbox('hardened');
    const tlsAdmin = connectSandbox(tlsPrimary);
    // Key names are bytes: UTF-8 and invalid UTF-8 must reach PTTL unchanged (a changed name answers -2).
    await tlsAdmin.set('session:café-crème', 'x', 'EX', 60);
    await tlsAdmin.set(Buffer.from([0x73, 0x65, 0x73, 0x73, 0x3a, 0xff, 0xfe]), 'x');
    await tlsAdmin.set('phi:ünïcode:1', 'x', 'EX', 100);
    tlsAdmin.disconnect();
    tlsReplica = await startReplica(tlsPrimary);
  });
  afterAll(async () => {
    await tlsReplica?.stop();
    await tlsPrimary?.stop();
  });

  it('reads the TLS replica ROLE lists, with byte-exact key names', async () => {
    const audit = await auditKeyspace(targetFor(tlsPrimary), {});
    expect(audit).toMatchObject({ targetRole: 'replica', coverage: 'complete', keysScanned: 3 });
    expect(audit.replicas).toEqual([{ endpoint: `127.0.0.1:${tlsReplica.port}`, source: 'role', outcome: 'used', reason: null }]);
    expect(cls(audit, 'session')).toMatchObject({ keys: 2, keysWithoutTtl: 1, ttlHistogram: expect.objectContaining({ le60s: 1, none: 1 }) });
    expect(cls(audit, 'phi_cache')).toMatchObject({ keys: 1, keysWithoutTtl: 0, maxTtlSeenSeconds: 100 });
  });
});

describe('read-only', () => {
  it('MONITOR on the audited server sees only allowlisted, non-writing commands', async () => {
    const watcher = connectSandbox(bulk);
    const monitor = await watcher.monitor();
    const seen = new Map<string, number>();
    monitor.on('monitor', (_time: string, args: string[]) => {
      const verb = args[0].toLowerCase();
      seen.set(verb, (seen.get(verb) ?? 0) + 1);
    });
    try {
      const audit = await auditKeyspace(targetFor(bulk), { readValues: true, valueSampleRate: 0.05 });
      expect(audit.coverage).toBe('complete');
      // MONITOR delivers asynchronously: wait until it has seen the last PTTLs' share of the run.
      const caughtUp = () => (seen.get('pttl') ?? 0) >= audit.commandsSent.pttl && (seen.get('getrange') ?? 0) >= audit.commandsSent.getrange;
      for (let i = 0; i < 500 && !caughtUp(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.get('pttl')).toBe(audit.commandsSent.pttl);
      expect(seen.get('getrange')).toBe(audit.commandsSent.getrange);
    } finally {
      monitor.disconnect();
      watcher.disconnect();
    }
    const verbs = [...seen.keys()];
    expect(verbs.sort()).toEqual(['auth', 'dbsize', 'getrange', 'info', 'pttl', 'role', 'scan', 'select', 'type']);
    const info = (await admin.call('COMMAND', 'INFO', ...verbs)) as [string, number, string[]][];
    expect(info.filter((c) => c[2].includes('write')).map((c) => c[0])).toEqual([]);
  });
});
