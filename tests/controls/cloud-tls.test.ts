import { expect } from 'vitest';
import { byPlatform, cloudCases, collectFixturesBeforeAll } from './cloud-cases';
import { missing } from './fixtures';
import type { ElastiCacheFacts } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';

collectFixturesBeforeAll();

const ecTls = (enabled: boolean | null, mode: string | null = enabled ? 'required' : null) => (f: ElastiCacheFacts) => {
  if (!f.settings.ok) throw new Error('fixture settings missing');
  f.settings.value.TransitEncryptionEnabled = enabled;
  f.settings.value.TransitEncryptionMode = mode;
};
const msMode = (mode: string | null) => (f: MemorystoreFacts) => {
  if (f.instance.ok) f.instance.value.transitEncryptionMode = mode;
};
const tlsOff = { status: 'not_applicable' as const, dependsOn: 'RED-TLS-001' };

cloudCases('RED-TLS-001', 'ec', [
  { name: 'TransitEncryptionEnabled true: pass', status: 'pass', check: (r) => expect(r.evidenceRefs).toEqual(['facts#/settings/value/TransitEncryptionEnabled']) },
  { name: 'TransitEncryptionEnabled false: fail', facts: ecTls(false), status: 'fail', reason: /plaintext/ },
  { name: 'field absent from the response: not_assessable, never a pass', facts: ecTls(null), status: 'not_assessable', reason: /absent/ },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm', 'AccessDenied: not authorized')), status: 'not_assessable', reason: /AccessDenied/ },
  { name: 'describe throttled after retries: error', facts: (f) => (f.settings = missing('refused', 'Throttling: Rate exceeded')), status: 'error' },
]);
cloudCases('RED-TLS-001', 'ecs', [
  { name: 'serverless cache identified: pass by platform', status: 'pass', check: byPlatform('ecs-in-transit-encryption') },
  { name: 'DescribeServerlessCaches failed: error, never a pass by platform', facts: (f) => (f.settings = missing('timeout')), status: 'error' },
  { name: 'DescribeServerlessCaches denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-TLS-001', 'ms', [
  { name: 'SERVER_AUTHENTICATION: pass', status: 'pass' },
  { name: 'DISABLED: fail', facts: msMode('DISABLED'), status: 'fail', reason: /DISABLED/ },
  { name: 'unspecified: fail', facts: msMode('TRANSIT_ENCRYPTION_MODE_UNSPECIFIED'), status: 'fail' },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm', 'PERMISSION_DENIED')), status: 'not_assessable' },
]);

cloudCases('RED-TLS-002', 'ec', [
  { name: 'TransitEncryptionMode required: pass', status: 'pass' },
  {
    name: 'TransitEncryptionMode preferred: fail (TLS on, plaintext still accepted)',
    facts: ecTls(true, 'preferred'),
    status: 'fail',
    reason: /preferred: TLS is on but plaintext connections are still accepted/,
  },
  {
    name: 'preferred with a pending change to required: still fail, the pending value recorded',
    facts: (f) => {
      ecTls(true, 'preferred')(f);
      if (f.settings.ok) f.settings.value.PendingModifiedValues = { AuthTokenStatus: null, TransitEncryptionEnabled: null, TransitEncryptionMode: 'required', UserGroupIdsToAdd: [], UserGroupIdsToRemove: [] };
    },
    status: 'fail',
    reason: /pending change to required/,
  },
  { name: 'TLS off: not_applicable, reported by TLS-001', facts: ecTls(false), ...tlsOff },
  { name: 'mode absent while TLS is on: not_assessable', facts: ecTls(true, null), status: 'not_assessable' },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('unparseable')), status: 'error' },
]);
cloudCases('RED-TLS-002', 'ecs', [
  { name: 'TLS-only endpoints: pass by platform', status: 'pass', check: byPlatform('ecs-tls-only-endpoints') },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-TLS-002', 'ms', [
  { name: 'TLS on: clients without TLS blocked (pass by platform)', status: 'pass', check: byPlatform('ms-tls-only-clients') },
  { name: 'TLS off: not_applicable', facts: msMode('DISABLED'), ...tlsOff },
  { name: 'listing throttled: error', facts: (f) => (f.instance = missing('refused', 'RESOURCE_EXHAUSTED')), status: 'error' },
]);

cloudCases('RED-TLS-003', 'ec', [
  { name: 'engine ≥ 6 after the AWS TLS 1.2 cut-over: pass by platform', status: 'pass', check: byPlatform('ec-tls12-minimum') },
  {
    name: 'a member on engine 5.0.6: not_assessable (legacy TLS may be accepted)',
    facts: (f) => {
      if (f.members.ok) f.members.value.clusters[1].EngineVersion = '5.0.6';
    },
    status: 'not_assessable',
    reason: /5\.0\.6/,
  },
  { name: 'before 2025-05-08 AWS still accepted TLS 1.0/1.1: not_assessable', ctx: (c) => (c.now = new Date('2025-01-01T00:00:00Z')), status: 'not_assessable', reason: /2025-05-08/ },
  { name: 'TLS off: not_applicable', facts: ecTls(false), ...tlsOff },
  { name: 'member clusters unreadable: error', facts: (f) => (f.members = missing('timeout')), status: 'error' },
]);
cloudCases('RED-TLS-003', 'ecs', [
  { name: 'pass by platform', status: 'pass', check: byPlatform('ecs-tls12-minimum') },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-TLS-003', 'ms', [
  { name: 'pass by platform (TLS ≥ 1.2 only)', status: 'pass', check: byPlatform('ms-tls12-minimum') },
  { name: 'TLS off: not_applicable', facts: msMode('DISABLED'), ...tlsOff },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noauth')), status: 'not_assessable' },
]);

for (const id of ['RED-TLS-004', 'RED-TLS-007']) {
  cloudCases(id, 'ec', [
    { name: 'needs a handshake: not_assessable without a data plane', status: 'not_assessable', reason: /no data plane/ },
    { name: 'TLS off: not_applicable', facts: ecTls(false), ...tlsOff },
  ]);
  cloudCases(id, 'ecs', [{ name: 'needs a handshake: not_assessable', status: 'not_assessable', reason: /handshake/ }]);
  cloudCases(id, 'ms', [
    { name: 'needs a handshake: not_assessable', status: 'not_assessable', reason: /no data plane/ },
    { name: 'TLS off: not_applicable', facts: msMode('DISABLED'), ...tlsOff },
  ]);
}

cloudCases('RED-TLS-005', 'ec', [{ name: 'server authentication only: not_applicable', status: 'not_applicable', reason: /RED-AUTH-001/ }]);
cloudCases('RED-TLS-005', 'ms', [{ name: 'SERVER_AUTHENTICATION only: not_applicable', status: 'not_applicable', reason: /SERVER_AUTHENTICATION/ }]);

cloudCases('RED-TLS-006', 'ec', [
  { name: 'TLS on with two nodes: pass by platform', status: 'pass', check: byPlatform('ec-encrypted-node-traffic') },
  {
    name: 'a single node: not_applicable',
    facts: (f) => {
      if (f.settings.ok) f.settings.value.MemberClusters = [f.settings.value.MemberClusters[0]];
    },
    status: 'not_applicable',
    reason: /single node/,
  },
  { name: 'TLS off: not_applicable, reported by TLS-001', facts: ecTls(false), ...tlsOff },
  { name: 'TransitEncryptionEnabled absent: not_assessable', facts: ecTls(null), status: 'not_assessable' },
]);
cloudCases('RED-TLS-006', 'standalone', [{ name: 'standalone cluster: not_applicable', status: 'not_applicable', reason: /cache-cluster/ }]);
cloudCases('RED-TLS-006', 'ecs', [
  { name: 'pass by platform', status: 'pass', check: byPlatform('ecs-encrypted-node-traffic') },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('refused')), status: 'error' },
]);
cloudCases('RED-TLS-006', 'ms', [
  { name: 'STANDARD_HA: pass by platform', status: 'pass', check: byPlatform('ms-standard-tier-replication-encrypted') },
  {
    name: 'BASIC tier: not_applicable',
    facts: (f) => {
      if (f.instance.ok) f.instance.value.tier = 'BASIC';
    },
    status: 'not_applicable',
    reason: /BASIC/,
  },
  {
    name: 'unknown tier: not_assessable',
    facts: (f) => {
      if (f.instance.ok) f.instance.value.tier = 'TIER_UNSPECIFIED';
    },
    status: 'not_assessable',
  },
  { name: 'TLS off: not_applicable', facts: msMode('DISABLED'), ...tlsOff },
]);
