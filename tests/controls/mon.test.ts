import { expect } from 'vitest';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { controlCases } from './cases';
import { missing, ok, previousFacts } from './fixtures';

const stats = (f: SelfHostedFacts) => {
  if (!f.info.ok) throw new Error('info missing');
  return f.info.value;
};
const addCalls = (f: SelfHostedFacts, command: string, calls: number) =>
  f.commandStats.ok && (f.commandStats.value[command] = { calls, usec: 1, rejectedCalls: 0, failedCalls: 0 });

controlCases('RED-MON-001', [
  { name: 'no auth failures in the ACL LOG: pass', status: 'pass' },
  {
    name: '540 failed AUTHs for app within the hour: fail',
    facts: (f) =>
      (f.acl.log = ok({
        entries: [{ reason: 'auth', context: 'toplevel', username: 'app', object: 'AUTH', count: 540, ageSeconds: 120, clientAddr: '10.9.0.4:5000', entryId: null, timestampCreatedMs: null, timestampLastUpdatedMs: null }],
        countsByReason: { auth: 540 },
        countsByContext: {},
        countsByUser: { app: 540 },
      })),
    status: 'fail',
    reason: /540 authentication failures/,
    check: (r) => expect(r.observed).toMatchObject({ authFailures: { byUser: { app: 540 } } }),
  },
  {
    name: 'old ACL LOG entries do not count',
    facts: (f) =>
      (f.acl.log = ok({
        entries: [{ reason: 'auth', context: 'toplevel', username: 'app', object: 'AUTH', count: 540, ageSeconds: 7200, clientAddr: null, entryId: null, timestampCreatedMs: null, timestampLastUpdatedMs: null }],
        countsByReason: {},
        countsByContext: {},
        countsByUser: {},
      })),
    status: 'pass',
  },
  {
    name: 'acl_access_denied_auth counter delta (Redis ≥ 7.4): fail above the threshold',
    facts: (f) => (stats(f).stats.acl_access_denied_auth = '130'),
    ctx: (c) => (c.previousFacts = previousFacts((p) => (stats(p).stats.acl_access_denied_auth = '100'))),
    status: 'fail',
    reason: /30 authentication failures per hour/,
  },
  {
    name: 'counter delta within the threshold: pass',
    facts: (f) => (stats(f).stats.acl_access_denied_auth = '105'),
    ctx: (c) => (c.previousFacts = previousFacts((p) => (stats(p).stats.acl_access_denied_auth = '100'))),
    status: 'pass',
  },
  { name: 'ACL LOG NOPERM and no counter: not_assessable', facts: (f) => (f.acl.log = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-MON-002', [
  { name: 'clients from private networks (scanner excluded): pass', status: 'pass' },
  {
    name: 'client from 198.51.100.7: fail',
    facts: (f) => f.clients.ok && f.clients.value.push({ addr: '198.51.100.7:41000', user: 'app', flags: 'N', self: false }),
    status: 'fail',
    reason: /198\.51\.100\.0\/24/,
  },
  {
    name: 'client outside the instance allowlist (narrowed per instance): fail',
    ctx: (c) => (c.thresholds = { ...c.thresholds, allowedClientCidrs: ['10.0.1.0/24'] }),
    status: 'fail',
    reason: /10\.0\.2\.0\/24/,
  },
  {
    name: 'IPv6 and unix-socket clients',
    facts: (f) =>
      f.clients.ok &&
      f.clients.value.push(
        { addr: '[fd00:1:2:3::9]:6000', user: 'app', flags: 'N', self: false },
        { addr: '/run/redis.sock:0', user: 'app', flags: 'N', self: false },
      ),
    status: 'pass',
    check: (r) => expect(Object.keys(r.observed as object)).toEqual(expect.arrayContaining(['fd00:1:2:3::/64', 'unix-socket'])),
  },
  { name: 'CLIENT LIST refused: not_assessable', facts: (f) => (f.clients = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-MON-003', [
  { name: '100 DELs in an hour, no flush: pass', status: 'pass' },
  { name: 'FLUSHDB since the previous snapshot without a change record: fail', facts: (f) => addCalls(f, 'flushdb', 1), status: 'fail', reason: /FLUSHDB \+1/ },
  {
    name: 'FLUSHDB covered by an approved change record: pass',
    facts: (f) => addCalls(f, 'flushdb', 1),
    ctx: (c) => c.records!.changes!.push({ id: 'chg-7', approvedAt: '2026-06-01T10:00:00Z', windowStart: '2026-06-01T10:30:00Z', windowEnd: '2026-06-01T11:30:00Z' }),
    status: 'pass',
  },
  {
    name: 'DEL spike: 2 million in an hour: fail',
    facts: (f) => addCalls(f, 'del', 2_003_000),
    status: 'fail',
    reason: /DEL\/UNLINK/,
  },
  {
    name: 'more than half the keys gone, not expired: fail',
    facts: (f) => (stats(f).keyspace.db0 = 'keys=10,expires=10,avg_ttl=1'),
    ctx: (c) => (c.previousFacts = previousFacts((p) => (stats(p).keyspace.db0 = 'keys=1000,expires=900,avg_ttl=1'))),
    status: 'fail',
    reason: /990 of 1000 keys gone/,
  },
  { name: 'no previous snapshot: not_assessable (no baseline yet)', ctx: (c) => delete c.previousFacts, status: 'not_assessable', reason: /no baseline yet/ },
  { name: 'INFO commandstats refused: not_assessable', facts: (f) => (f.commandStats = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-MON-004', [
  { name: 'same role and replication id: pass', status: 'pass' },
  {
    name: 'replication id changed (failover) without acknowledgement: fail',
    facts: (f) => (stats(f).replication.master_replid = 'b'.repeat(40)),
    status: 'fail',
    reason: /replid/,
  },
  {
    name: 'primary became a replica, acknowledged: pass',
    facts: (f) => f.role.ok && Object.assign(f.role.value, { role: 'slave', replicas: [], master: { host: '10.0.1.6', port: 6380, linkState: 'up' } }),
    ctx: (c) => c.records!.acknowledgements!.push({ id: 'ack-1', kind: 'role_change', acknowledgedAt: '2026-06-01T12:00:00Z', detectedAt: '2026-06-01T11:59:10Z', cause: 'planned failover' }),
    status: 'pass',
  },
  { name: 'no previous snapshot: not_assessable', ctx: (c) => delete c.previousFacts, status: 'not_assessable', reason: /no baseline yet/ },
  { name: 'ROLE timeout: error', facts: (f) => (f.role = missing('timeout')), status: 'error' },
]);

controlCases('RED-MON-005', [
  { name: '10 % memory, replica online, no evictions: pass', status: 'pass' },
  { name: '97 % memory: fail', facts: (f) => (stats(f).memory.used_memory = '9700000'), status: 'fail', reason: /97 % used/ },
  {
    name: 'maxmemory 0 falls back to system memory',
    facts: (f) => Object.assign(stats(f).memory, { maxmemory: '0', used_memory: '9700000' }),
    status: 'pass',
  },
  { name: '12 000 evictions on a PHI cache: fail', facts: (f) => (stats(f).stats.evicted_keys = '12000'), status: 'fail', reason: /12000 keys evicted/ },
  {
    name: 'evictions on a non-PHI cache are recorded, not failed',
    facts: (f) => (stats(f).stats.evicted_keys = '12000'),
    ctx: (c) => (c.instance!.classification = 'non-PHI'),
    status: 'pass',
  },
  {
    name: 'replica lagging 30 s: fail',
    facts: (f) => f.role.ok && (f.role.value.replicas[0].lagSeconds = 30),
    status: 'fail',
    reason: /lag 30 s/,
  },
  {
    name: 'replica with master_link_status:down: fail',
    facts: (f) => {
      if (f.role.ok) Object.assign(f.role.value, { role: 'slave', replicas: [], master: { host: '10.0.1.5', port: 6380, linkState: 'down' } });
      stats(f).replication.master_link_status = 'down';
    },
    status: 'fail',
    reason: /master_link_status:down/,
  },
  { name: 'first snapshot still decides memory and replication', ctx: (c) => delete c.previousFacts, status: 'pass' },
  { name: 'INFO NOPERM: not_assessable', facts: (f) => (f.info = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-MON-006', [
  { name: 'alert-routing attestation: pass', status: 'pass' },
  { name: 'app notifications enabled: pass', ctx: (c) => Object.assign(c.records!, { alertNotificationsEnabled: true, attestations: [] }), status: 'pass' },
  { name: 'attestation stale and notifications off: fail', ctx: (c) => c.records!.attestations.forEach((a) => (a.approvedAt = '2024-01-01T00:00:00Z')), status: 'fail' },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable', reason: /no attestation record on file/ },
]);
