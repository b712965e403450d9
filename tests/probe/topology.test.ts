// Replicas and Sentinels: the topology facts, and the availability/replication verdicts they decide.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, startSandbox, startSentinel, type StartedSandbox, type StartedSentinel } from '@/lib/redis-sandbox';
import { DEFAULT_THRESHOLDS } from '@/lib/controls';
import { probeRedis, type ProbeTarget } from '@/lib/probe/redis';
import { scanTarget, type ScanTargetResult } from '@/lib/scan';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';

let primary: StartedSandbox;
let replica: StartedSandbox;
let sentinel: StartedSentinel;
let tlsPrimary: StartedSandbox;
let tlsReplica: StartedSandbox;
let withSentinel: ScanTargetResult;
let wrongMaster: SelfHostedFacts;
let replicaFacts: SelfHostedFacts;
let tlsPrimaryScan: ScanTargetResult;

const options = { thresholds: { ...DEFAULT_THRESHOLDS, adminUsers: ['admin'] }, fingerprintKey: TEST_FINGERPRINT_KEY, keyspace: 'off' as const };

function sentinelTarget(masterName: string): ProbeTarget {
  return { ...targetFor(primary), sentinels: { masterName, endpoints: [{ host: sentinel.host, port: sentinel.port, tls: false }] } };
}

beforeAll(async () => {
  [primary, tlsPrimary] = await Promise.all([startSandbox('phiProblems'), startSandbox('hardened')]);
  [replica, tlsReplica] = await Promise.all([startReplica(primary), startReplica(tlsPrimary)]);
  sentinel = await startSentinel(primary, { masterName: 'phi-primary' });
  [withSentinel, wrongMaster, replicaFacts, tlsPrimaryScan] = await Promise.all([
    scanTarget(sentinelTarget('phi-primary'), options),
    probeRedis(sentinelTarget('no-such-master'), { fingerprintKey: TEST_FINGERPRINT_KEY }),
    probeRedis(targetFor(tlsReplica), { fingerprintKey: TEST_FINGERPRINT_KEY }),
    scanTarget(targetFor(tlsPrimary), options),
  ]);
});

afterAll(async () => {
  await Promise.all([sentinel?.stop(), replica?.stop(), tlsReplica?.stop()]);
  await Promise.all([primary?.stop(), tlsPrimary?.stop()]);
});

describe('replicas and Sentinels', () => {
  it('records the replica on the primary and the Sentinel watching it', () => {
    const facts = withSentinel.facts!;
    expect(facts.role).toMatchObject({ ok: true, value: { role: 'master', replicas: [expect.objectContaining({ ip: '127.0.0.1', port: replica.port, state: 'online' })] } });
    expect(facts.sentinel).toMatchObject({
      ok: true,
      value: { name: 'phi-primary', sentinelsAnswered: 1, quorum: 1, knownSentinels: 1, replicas: 1, monitorsThisPrimary: true, flags: ['master'] },
    });
    expect(facts.meta.commandsSent['sentinel|master']).toBe(1);
  });

  it('passes automatic failover with a replica and a Sentinel quorum', () => {
    expect(withSentinel.results.find((r) => r.controlId === 'RED-AVL-001')?.status).toBe('pass');
  });

  it('a Sentinel that does not know the master name is a standing gap, not a pass', () => {
    expect(wrongMaster.sentinel).toMatchObject({ ok: false, outcome: 'not_collected' });
    expect(wrongMaster.sentinel && !wrongMaster.sentinel.ok && wrongMaster.sentinel.reason).toMatch(/No such master/i);
  });

  it('records the replica side of a TLS replication link with its own replication user', () => {
    expect(replicaFacts.role).toMatchObject({ ok: true, value: { role: 'slave', master: { host: '127.0.0.1', port: tlsPrimary.port, linkState: 'connected' } } });
    expect(replicaFacts.config).toMatchObject({ ok: true, value: { values: { masteruser: 'repl', 'tls-replication': 'yes' } } });
    const masterauth = replicaFacts.config.ok ? replicaFacts.config.value.secrets.masterauth : undefined;
    expect(masterauth).toEqual({ set: true, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('passes encrypted replication on a hardened primary with a replica', () => {
    expect(tlsPrimaryScan.results.find((r) => r.controlId === 'RED-TLS-006')?.status).toBe('pass');
    expect(tlsPrimaryScan.results.find((r) => r.controlId === 'RED-ACL-001')?.status).toBe('pass');
  });
});
