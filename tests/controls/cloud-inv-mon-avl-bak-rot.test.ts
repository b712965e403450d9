import { expect } from 'vitest';
import type { ElastiCacheFacts } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { byPlatform, cloudCases, collectFixturesBeforeAll } from './cloud-cases';
import { hardenedRecords, missing } from './fixtures';

collectFixturesBeforeAll();

const DAY = 86_400_000;
const ecSet = (edit: (s: NonNullable<Extract<ElastiCacheFacts['settings'], { ok: true }>['value']>) => void) => (f: ElastiCacheFacts) => {
  if (f.settings.ok) edit(f.settings.value);
};
const msSet = (edit: (i: NonNullable<Extract<MemorystoreFacts['instance'], { ok: true }>['value']>) => void) => (f: MemorystoreFacts) => {
  if (f.instance.ok) edit(f.instance.value);
};
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY).toISOString();

cloudCases('RED-INV-001', 'ec', [
  { name: 'Environment and DataClassification tags: pass', status: 'pass', check: (r) => expect(r.evidenceRefs).toEqual(['facts#/tags']) },
  { name: 'classification tag missing: fail', facts: (f) => f.tags.ok && delete f.tags.value.DataClassification, status: 'fail', reason: /classification not set/ },
  {
    name: 'no tags but app-side overrides: pass',
    facts: (f) => (f.tags = { ok: true, value: {}, source: 'fixture' }),
    ctx: (c) => (c.instance = { environment: 'production', classification: 'PHI' }),
    status: 'pass',
  },
  { name: 'ListTagsForResource denied and no override: not_assessable', facts: (f) => (f.tags = missing('noperm', 'AccessDenied')), status: 'not_assessable' },
  { name: 'a description equal to the id is advisory only', facts: ecSet((s) => (s.Description = 'rg-hardened')), status: 'pass', check: (r) => expect(r.observed).toMatchObject({ advisory: 'description missing or equal to the id' }) },
]);
cloudCases('RED-INV-001', 'ms', [
  { name: 'env and data-class labels: pass', status: 'pass' },
  { name: 'no labels: fail', facts: msSet((i) => (i.labels = {})), status: 'fail' },
  { name: 'listing failed: error', facts: (f) => (f.instance = missing('timeout')), status: 'error' },
]);
cloudCases('RED-INV-001', 'ecs', [{ name: 'serverless tags: pass', status: 'pass' }]);

cloudCases('RED-INV-002', 'ec', [
  { name: 'described in this snapshot: pass', status: 'pass' },
  { name: 'describe failed and nothing on record: fail (never assessed)', facts: (f) => (f.settings = missing('refused')), ctx: (c) => delete c.records, status: 'fail', reason: /never assessed/ },
  {
    name: 'describe failed, last complete snapshot 3 days ago: fail',
    facts: (f) => (f.settings = missing('noperm')),
    ctx: (c) => (c.records = { ...hardenedRecords(), lastCompleteSnapshotAt: daysAgo(c.now, 3) }),
    status: 'fail',
    reason: /h old/,
  },
]);
cloudCases('RED-INV-002', 'ms', [{ name: 'listed in this snapshot: pass', status: 'pass' }]);

for (const [id, needs] of [['RED-MON-001', /ACL LOG/], ['RED-MON-002', /CLIENT LIST/], ['RED-MON-003', /commandstats/], ['RED-MON-005', /INFO memory/]] as const) {
  for (const resource of ['ec', 'ecs', 'ms'] as const) cloudCases(id, resource, [{ name: 'needs the data plane: not_assessable', status: 'not_assessable', reason: needs }]);
}

const previousWith = (edit: (f: ElastiCacheFacts) => void) => (c: { previousFacts?: unknown }, fixtures: { ec: ElastiCacheFacts }) => {
  const previous = structuredClone(fixtures.ec);
  previous.collectedAt = new Date(Date.parse(previous.collectedAt) - DAY).toISOString();
  edit(previous);
  c.previousFacts = previous;
};
const swapPrimary = (f: ElastiCacheFacts) => {
  if (f.settings.ok) f.settings.value.NodeGroups[0].NodeGroupMembers.forEach((m) => (m.CurrentRole = m.CurrentRole === 'primary' ? 'replica' : 'primary'));
};
cloudCases('RED-MON-004', 'ec', [
  { name: 'same primary as the previous snapshot: pass', ctx: previousWith(() => undefined), status: 'pass' },
  { name: 'primary moved from -001 to -002 without acknowledgement: fail', ctx: previousWith(swapPrimary), status: 'fail', reason: /rg-hardened-002 → rg-hardened-001/ },
  {
    name: 'the failover acknowledged with its cause: pass',
    ctx: (c, fixtures) => {
      previousWith(swapPrimary)(c, fixtures);
      c.records = { ...hardenedRecords(), acknowledgements: [{ id: 'ack-1', kind: 'role_change', acknowledgedAt: c.now.toISOString(), detectedAt: new Date(c.now.getTime() - 120_000).toISOString(), cause: 'AZ maintenance' }] };
    },
    status: 'pass',
  },
  { name: 'no previous snapshot: not_assessable', status: 'not_assessable', reason: /no baseline/ },
  {
    name: 'cluster mode enabled (no CurrentRole): not_assessable',
    facts: ecSet((s) => s.NodeGroups.forEach((g) => g.NodeGroupMembers.forEach((m) => (m.CurrentRole = null)))),
    status: 'not_assessable',
    reason: /no API signal/,
  },
]);
cloudCases('RED-MON-004', 'ms', [
  {
    name: 'currentLocationId moved to the alternative zone: fail',
    ctx: (c, fixtures) => {
      const previous = structuredClone(fixtures.ms);
      if (previous.instance.ok) previous.instance.value.currentLocationId = 'us-central1-b';
      c.previousFacts = previous;
    },
    status: 'fail',
    reason: /currentLocationId us-central1-b → us-central1-a/,
  },
  { name: 'unchanged: pass', ctx: (c, fixtures) => (c.previousFacts = structuredClone(fixtures.ms)), status: 'pass' },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-MON-004', 'ecs', [{ name: 'needs the data plane: not_assessable', status: 'not_assessable' }]);

cloudCases('RED-MON-006', 'ec', [
  { name: 'active SNS topic and an alert-routing attestation: pass', status: 'pass' },
  { name: 'no SNS topic: fail', facts: (f) => f.members.ok && (f.members.value.clusters[0].NotificationConfiguration = null), status: 'fail', reason: /SNS/ },
  { name: 'members denied: not_assessable', facts: (f) => (f.members = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-MON-006', 'ms', [
  { name: 'alert-routing attestation: pass', status: 'pass' },
  { name: 'no attestation and notifications off: fail', ctx: (c) => (c.records = { ...hardenedRecords(), attestations: [] }), status: 'fail' },
]);

cloudCases('RED-AVL-001', 'ec', [
  { name: 'AutomaticFailover enabled: pass', status: 'pass' },
  { name: 'AutomaticFailover disabled: fail', facts: ecSet((s) => (s.AutomaticFailover = 'disabled')), status: 'fail' },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-AVL-001', 'standalone', [{ name: 'standalone cache cluster: fail', status: 'fail', reason: /standalone/ }]);
cloudCases('RED-AVL-001', 'ms', [
  { name: 'STANDARD_HA with a replica: pass', status: 'pass' },
  { name: 'BASIC: fail', facts: msSet((i) => (i.tier = 'BASIC')), status: 'fail' },
  { name: 'STANDARD_HA but no replica visible: not_assessable', facts: msSet((i) => ((i.replicaCount = 0), (i.nodes = []))), status: 'not_assessable' },
  { name: 'listing failed: error', facts: (f) => (f.instance = missing('refused')), status: 'error' },
]);
cloudCases('RED-AVL-001', 'ecs', [{ name: 'service-managed failover: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-AVL-002', 'ec', [
  { name: 'MultiAZ enabled, members in two zones: pass', status: 'pass' },
  { name: 'MultiAZ disabled: fail', facts: ecSet((s) => (s.MultiAZ = 'disabled')), status: 'fail', reason: /MultiAZ = disabled/ },
  { name: 'all members in one zone: fail', facts: ecSet((s) => s.NodeGroups[0].NodeGroupMembers.forEach((m) => (m.PreferredAvailabilityZone = 'us-east-1a'))), status: 'fail', reason: /us-east-1a only/ },
  { name: 'describe throttled: error', facts: (f) => (f.settings = missing('refused')), status: 'error' },
]);
cloudCases('RED-AVL-002', 'standalone', [{ name: 'standalone cluster: fail', status: 'fail' }]);
cloudCases('RED-AVL-002', 'ms', [
  { name: 'alternative zone set: pass', status: 'pass' },
  { name: 'no alternative zone: fail', facts: msSet((i) => (i.alternativeLocationId = null)), status: 'fail' },
  { name: 'BASIC tier: not_applicable, reported by AVL-001', facts: msSet((i) => (i.tier = 'BASIC')), status: 'not_applicable', dependsOn: 'RED-AVL-001' },
]);

cloudCases('RED-BAK-001', 'ec', [
  { name: 'retention 7 days ≥ 1: pass', status: 'pass' },
  { name: 'retention 0 (backups off): fail', facts: ecSet((s) => (s.SnapshotRetentionLimit = 0)), status: 'fail', reason: /automatic backups are off/ },
  { name: 'retention 3 under a 35-day policy: fail', ctx: (c) => (c.thresholds = { ...c.thresholds, backupRetentionMinDays: 35 }), status: 'fail', reason: /≥ 35/ },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-BAK-001', 'ecs', [
  { name: 'retention 7: pass', status: 'pass' },
  { name: 'retention 0: fail', facts: (f) => f.settings.ok && (f.settings.value.SnapshotRetentionLimit = 0), status: 'fail' },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('timeout')), status: 'error' },
]);
cloudCases('RED-BAK-001', 'ms', [{ name: 'no managed backup schedule: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-BAK-002', 'ec', [
  { name: 'newest automated snapshot available and 2 h old: pass', status: 'pass' },
  {
    name: 'newest automated snapshot 4 days old: fail',
    facts: (f) => f.snapshots.ok && (f.snapshots.value[0].SnapshotCreateTime = new Date(Date.now() - 4 * DAY).toISOString()),
    status: 'fail',
    reason: /h old/,
  },
  { name: 'newest snapshot failed: fail', facts: (f) => f.snapshots.ok && (f.snapshots.value[0].SnapshotStatus = 'failed'), status: 'fail', reason: /failed/ },
  { name: 'no automated snapshot: fail', facts: (f) => (f.snapshots = { ok: true, value: [], source: 'fixture' }), status: 'fail' },
  { name: 'backups off: not_applicable, reported by BAK-001', facts: ecSet((s) => (s.SnapshotRetentionLimit = 0)), status: 'not_applicable', dependsOn: 'RED-BAK-001' },
  { name: 'DescribeSnapshots denied: not_assessable', facts: (f) => (f.snapshots = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-BAK-002', 'ecs', [
  { name: 'automated snapshot 4 h old: pass', status: 'pass' },
  { name: 'snapshot API switched off: not_assessable', facts: (f) => (f.snapshots = missing('disabled', 'switched off')), status: 'not_assessable' },
  { name: 'snapshot API not offered by the endpoint: not_assessable', facts: (f) => (f.snapshots = missing('unknown_command', 'InvalidAction')), status: 'not_assessable' },
]);
cloudCases('RED-BAK-002', 'ms', [{ name: 'INFO persistence needs the data plane: not_assessable', status: 'not_assessable' }]);

cloudCases('RED-BAK-003', 'ms', [
  { name: 'RDB every 12 h within a 24 h RPO: pass', status: 'pass' },
  { name: 'persistence DISABLED: fail', facts: msSet((i) => (i.persistenceConfig = { persistenceMode: 'DISABLED', rdbSnapshotPeriod: null, rdbNextSnapshotTime: null, rdbSnapshotStartTime: null })), status: 'fail' },
  { name: 'RDB every 12 h over a 6 h RPO: fail', ctx: (c) => (c.thresholds = { ...c.thresholds, rpoTargetMinutes: 360 }), status: 'fail', reason: /720 min/ },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-BAK-003', 'ec', [{ name: 'no AOF on ElastiCache: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-BAK-004', 'ec', [
  { name: 'snapshots of an at-rest-encrypted group: pass by platform', status: 'pass', check: byPlatform('ec-encrypted-backups') },
  { name: 'group without at-rest encryption: fail', facts: ecSet((s) => (s.AtRestEncryptionEnabled = false)), status: 'fail' },
  { name: 'DescribeSnapshots denied: not_assessable', facts: (f) => (f.snapshots = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-BAK-004', 'ecs', [{ name: 'pass by platform', status: 'pass', check: byPlatform('ecs-encrypted-backups') }]);
cloudCases('RED-BAK-004', 'ms', [
  { name: 'pass by platform', status: 'pass', check: byPlatform('ms-encrypted-backups') },
  { name: 'listing failed: error, never a pass by platform', facts: (f) => (f.instance = missing('refused')), status: 'error' },
]);

cloudCases('RED-ROT-001', 'ec', [
  { name: 'RBAC, no AUTH token: not_applicable', status: 'not_applicable', reason: /RED-ROT-002/ },
  { name: 'token modified 90 days ago: pass', facts: ecSet((s) => ((s.AuthTokenEnabled = true), (s.AuthTokenLastModifiedDate = daysAgo(new Date(), 90)))), status: 'pass' },
  { name: 'token modified 420 days ago: fail', facts: ecSet((s) => ((s.AuthTokenEnabled = true), (s.AuthTokenLastModifiedDate = daysAgo(new Date(), 420)))), status: 'fail', reason: /42[01] days ago/ },
  { name: 'token enabled, date missing: not_assessable', facts: ecSet((s) => ((s.AuthTokenEnabled = true), (s.AuthTokenLastModifiedDate = null))), status: 'not_assessable' },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-ROT-001', 'ms', [{ name: 'AUTH strings are ROT-002: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-ROT-003', 'ec', [
  { name: 'no handshake (AWS manages certificates): not_applicable', status: 'not_applicable', reason: /AWS manages/ },
  { name: 'TLS off: not_applicable, reported by TLS-001', facts: ecSet((s) => (s.TransitEncryptionEnabled = false)), status: 'not_applicable', dependsOn: 'RED-TLS-001' },
]);
cloudCases('RED-ROT-003', 'ecs', [{ name: 'no handshake: not_applicable', status: 'not_applicable' }]);
cloudCases('RED-ROT-003', 'ms', [
  { name: 'server CA valid for years: pass', status: 'pass' },
  { name: 'server CA expiring in 14 days: fail', facts: msSet((i) => (i.serverCaCerts[0].expireTime = new Date(Date.now() + 14 * DAY).toISOString())), status: 'fail', reason: /expires in 1[34] days/ },
  {
    name: 'expireTime differs from the PEM notAfter: error',
    facts: msSet((i) => (i.serverCaCerts[0].certNotAfter = new Date(Date.now() + 100 * DAY).toISOString())),
    status: 'error',
    reason: /inconsistent/,
  },
  { name: 'serverCaCerts missing while TLS is on: not_assessable', facts: msSet((i) => (i.serverCaCerts = [])), status: 'not_assessable' },
  { name: 'TLS off: not_applicable', facts: msSet((i) => (i.transitEncryptionMode = 'DISABLED')), status: 'not_applicable', dependsOn: 'RED-TLS-001' },
]);

cloudCases('RED-ROT-004', 'ec', [
  { name: 'CMK set, KMS not collected by this build: not_assessable', status: 'not_assessable', reason: /kms:DescribeKey/ },
  { name: 'no CMK: not_applicable, reported by ENC-002', facts: ecSet((s) => (s.KmsKeyId = null)), status: 'not_applicable', dependsOn: 'RED-ENC-002' },
]);
cloudCases('RED-ROT-004', 'ecs', [{ name: 'CMK set, KMS not collected: not_assessable', status: 'not_assessable' }]);
cloudCases('RED-ROT-004', 'ms', [
  { name: 'CMK set, Cloud KMS not collected: not_assessable', status: 'not_assessable', reason: /cryptoKeys/ },
  { name: 'no CMK: not_applicable', facts: msSet((i) => (i.customerManagedKey = null)), status: 'not_applicable', dependsOn: 'RED-ENC-002' },
]);

for (const resource of ['ec', 'ecs', 'ms'] as const) {
  cloudCases('RED-DATA-001', resource, [
    { name: 'PHI instance without a data plane: not_assessable', status: 'not_assessable', reason: /keyspace audit/ },
    { name: 'classified non-PHI: not_applicable', ctx: (c) => (c.instance = { classification: 'public' }), status: 'not_applicable' },
  ]);
}
