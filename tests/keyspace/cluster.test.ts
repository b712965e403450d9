// The keyspace audit on self-hosted Redis in cluster mode (catalog §5.2: db0 only, replicas read
// after READONLY, each node its own target), against a real mini cluster: a primary serving every
// slot and its replica, seeded through the primary.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@/lib/controls/thresholds';
import type { KeyspaceAudit } from '@/lib/facts/common';
import { auditKeyspace } from '@/lib/probe/redis/keyspace';
import { seedPhiProblems, startCluster, type PhiSeedSummary, type StartedCluster } from '@/lib/redis-sandbox';
import { scanTarget } from '@/lib/scan';
import { targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';

let cluster: StartedCluster;
let seeded: PhiSeedSummary;
const SCALE = 20;
const WRITE_VERBS = ['set', 'del', 'unlink', 'expire', 'pexpire', 'persist', 'flushdb', 'flushall', 'cluster', 'readwrite'];

beforeAll(async () => {
  cluster = await startCluster('phiProblems');
  seeded = await seedPhiProblems(cluster.primary, SCALE);
});

afterAll(async () => {
  await cluster?.stop();
});

const cls = (audit: KeyspaceAudit, name: string) => audit.classes.find((c) => c.name === name)!;
const total = () => seeded.sessionsWithoutTtl + seeded.compliantSessions + seeded.patientKeysWithSsn + seeded.phiCacheOverMaxTtl + seeded.flags;

/** The seeded counts, READONLY sent, no write verb, the cluster note. */
function expectSeededClusterAudit(audit: KeyspaceAudit) {
  expect(audit).toMatchObject({ targetRole: 'replica', coverage: 'complete', coveredFraction: 1, keysScanned: total() });
  expect(audit.databases).toEqual([{ db: 0, dbsize: total(), keysScanned: total() }]);
  expect(cls(audit, 'session')).toMatchObject({ keys: seeded.sessionsWithoutTtl + seeded.compliantSessions, keysWithoutTtl: seeded.sessionsWithoutTtl, keysOverMaxTtl: 0 });
  expect(cls(audit, 'phi_cache')).toMatchObject({ keys: seeded.phiCacheOverMaxTtl, keysWithoutTtl: 0, keysOverMaxTtl: seeded.phiCacheOverMaxTtl });
  expect(cls(audit, 'feature_flag').keys).toBe(seeded.flags);
  expect(audit.unclassified.keys).toBe(seeded.patientKeysWithSsn);
  // Both audit connections (SCAN and per-key reads) of the replica.
  expect(audit.commandsSent.readonly).toBe(2);
  expect(Object.keys(audit.commandsSent).filter((verb) => WRITE_VERBS.includes(verb))).toEqual([]);
  expect(audit.targetNote).toBe("cluster mode: this node's keys only (slots it serves); audit every primary");
}

describe('keyspace audit in cluster mode', () => {
  it('given the primary, reads the replica ROLE lists after READONLY, with the seeded counts', async () => {
    const audit = await auditKeyspace(targetFor(cluster.primary), {});
    expect(audit.replicas).toEqual([{ endpoint: `127.0.0.1:${cluster.replica.port}`, source: 'role', outcome: 'used', reason: null }]);
    expectSeededClusterAudit(audit);
  });

  it('given the primary and the replica from the inventory, reads that replica', async () => {
    const audit = await auditKeyspace(targetFor(cluster.primary), { replicas: [{ host: '127.0.0.1', port: cluster.replica.port }] });
    expect(audit.replicas).toEqual([{ endpoint: `127.0.0.1:${cluster.replica.port}`, source: 'inventory', outcome: 'used', reason: null }]);
    expectSeededClusterAudit(audit);
  });

  it('given the replica itself, audits it, values included', async () => {
    const audit = await auditKeyspace(targetFor(cluster.replica), { readValues: true, valueSampleRate: 1 });
    expect(audit.replicas).toEqual([]);
    expectSeededClusterAudit(audit);
    expect(audit.values.sampled).toBe(total());
    expect(audit.values.hits.find((h) => h.detector === 'ssn' && h.keyClass === 'unclassified')?.count).toBe(seeded.patientKeysWithSsn);
  });

  it('a scan of a cluster node judges DATA-001/002 from the counts', async () => {
    const scan = await scanTarget(targetFor(cluster.primary), { thresholds: DEFAULT_THRESHOLDS, fingerprintKey: TEST_FINGERPRINT_KEY, keyspace: 'keys' });
    expect(scan.facts!.keyspace).toMatchObject({ ok: true, value: { targetRole: 'replica', coverage: 'complete', keysScanned: total() } });
    const result = (id: string) => scan.results.find((r) => r.controlId === id)!;
    expect(result('RED-DATA-001')).toMatchObject({ status: 'fail', reason: expect.stringMatching(new RegExp(`session: ${seeded.sessionsWithoutTtl} key\\(s\\) without expiry`)) });
    expect(result('RED-DATA-002').status).toBe('fail');
    expect(scan.results.filter((r) => r.controlId.startsWith('RED-DATA-') && r.status === 'error')).toEqual([]);
  });
});
