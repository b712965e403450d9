import { expect } from 'vitest';
import type { ElastiCacheFacts } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { byPlatform, cloudCases, collectFixturesBeforeAll } from './cloud-cases';
import { hardenedRecords, missing } from './fixtures';

collectFixturesBeforeAll();

const ecSet = (edit: (s: NonNullable<Extract<ElastiCacheFacts['settings'], { ok: true }>['value']>) => void) => (f: ElastiCacheFacts) => {
  if (f.settings.ok) edit(f.settings.value);
};
const members = (edit: (m: NonNullable<Extract<ElastiCacheFacts['members'], { ok: true }>['value']>['clusters'][number]) => void) => (f: ElastiCacheFacts) => {
  if (f.members.ok) f.members.value.clusters.forEach(edit);
};
const msSet = (edit: (i: NonNullable<Extract<MemorystoreFacts['instance'], { ok: true }>['value']>) => void) => (f: MemorystoreFacts) => {
  if (f.instance.ok) edit(f.instance.value);
};
const allowOnly = (windows: string[]) => (c: { thresholds: { allowedMaintenanceWindows?: string[] } }) => (c.thresholds = { ...c.thresholds, allowedMaintenanceWindows: windows });

cloudCases('RED-CFG-001', 'ec', [
  { name: 'every member on Redis 7.1: pass', status: 'pass' },
  { name: 'a member on 5.0.6: fail', facts: (f) => f.members.ok && (f.members.value.clusters[1].EngineVersion = '5.0.6'), status: 'fail', reason: /5\.0\.6/ },
  { name: '4.0.10 (the version 002 recommended in 2019): fail', facts: members((m) => (m.EngineVersion = '4.0.10')), status: 'fail' },
  { name: 'version absent: not_assessable', facts: members((m) => (m.EngineVersion = null)), status: 'not_assessable' },
  { name: 'DescribeCacheClusters denied: not_assessable', facts: (f) => (f.members = missing('noperm')), status: 'not_assessable' },
  { name: 'DescribeCacheClusters throttled: error', facts: (f) => (f.members = missing('refused')), status: 'error' },
]);
cloudCases('RED-CFG-001', 'ecs', [
  { name: 'Valkey 8: pass', status: 'pass' },
  {
    name: 'Valkey major below 7: fail',
    facts: (f) => {
      if (f.settings.ok) Object.assign(f.settings.value, { MajorEngineVersion: '6', FullEngineVersion: '6.2' });
    },
    status: 'fail',
  },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('timeout')), status: 'error' },
]);
cloudCases('RED-CFG-001', 'ms', [
  { name: 'REDIS_7_0: pass', status: 'pass' },
  { name: 'REDIS_5_0: fail', facts: msSet((i) => (i.redisVersion = 'REDIS_5_0')), status: 'fail', reason: /REDIS_5_0/ },
  { name: 'REDIS_6_X: pass', facts: msSet((i) => (i.redisVersion = 'REDIS_6_X')), status: 'pass' },
  { name: 'version absent: not_assessable', facts: msSet((i) => (i.redisVersion = null)), status: 'not_assessable' },
]);

cloudCases('RED-CFG-002', 'ec', [
  { name: 'group and members upgrade automatically: pass', status: 'pass' },
  { name: 'a member with AutoMinorVersionUpgrade false: fail', facts: (f) => f.members.ok && (f.members.value.clusters[0].AutoMinorVersionUpgrade = false), status: 'fail', reason: /rg-hardened-001/ },
  { name: 'the group with false: fail', facts: ecSet((s) => (s.AutoMinorVersionUpgrade = false)), status: 'fail' },
  { name: 'members unreadable: not_assessable', facts: (f) => (f.members = missing('noperm')), status: 'not_assessable' },
  { name: 'absent on a member: not_assessable', facts: members((m) => (m.AutoMinorVersionUpgrade = null)), status: 'not_assessable' },
]);
cloudCases('RED-CFG-002', 'ecs', [
  { name: 'service-managed versions: pass by platform', status: 'pass', check: byPlatform('ecs-automatic-version-upgrades') },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-CFG-002', 'ms', [
  { name: 'Google maintenance: pass by platform', status: 'pass', check: byPlatform('ms-managed-maintenance') },
  { name: 'listing failed: error', facts: (f) => (f.instance = missing('refused')), status: 'error' },
]);

cloudCases('RED-CFG-003', 'ec', [
  { name: 'maintenance and snapshot windows set: pass', status: 'pass' },
  { name: 'inside the approved window: pass', ctx: allowOnly(['sun:06:00-sun:09:00']), status: 'pass' },
  { name: 'outside the approved window: fail', ctx: allowOnly(['sat:01:00-sat:02:00']), status: 'fail', reason: /outside the approved windows: sun:07:00-sun:08:00/ },
  { name: 'an approved window over Sunday midnight: pass', ctx: allowOnly(['sun:06:30-mon:01:00']), status: 'pass' },
  { name: 'a member without a maintenance window: fail', facts: (f) => f.members.ok && (f.members.value.clusters[1].PreferredMaintenanceWindow = null), status: 'fail' },
  { name: 'no snapshot window: fail', facts: ecSet((s) => (s.SnapshotWindow = null)), status: 'fail', reason: /SnapshotWindow/ },
  { name: 'an unreadable approved window: not_assessable', ctx: allowOnly(['sundays at 7']), status: 'not_assessable', reason: /sundays at 7/ },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-CFG-003', 'ecs', [
  { name: 'DailySnapshotTime set: pass', status: 'pass' },
  { name: 'no DailySnapshotTime: fail', facts: (f) => f.settings.ok && (f.settings.value.DailySnapshotTime = null), status: 'fail' },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('timeout')), status: 'error' },
]);
cloudCases('RED-CFG-003', 'ms', [
  { name: 'weekly window set: pass', status: 'pass', check: (r) => expect(r.observed).toEqual({ maintenanceWindow: ['SUNDAY 06:00 UTC for 3600s'] }) },
  { name: 'inside the approved window: pass', ctx: allowOnly(['sun:05:00-sun:08:00']), status: 'pass' },
  { name: 'outside the approved window: fail', ctx: allowOnly(['sun:06:30-sun:08:00']), status: 'fail' },
  { name: 'no maintenancePolicy (Google picks any time): fail', facts: msSet((i) => (i.maintenancePolicy = null)), status: 'fail', reason: /no maintenance window/ },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);

cloudCases('RED-CFG-004', 'ec', [
  { name: 'custom parameter group: pass', status: 'pass' },
  { name: 'default.redis7: fail', facts: members((m) => (m.CacheParameterGroupName = 'default.redis7')), status: 'fail', reason: /default\.redis7/ },
  { name: 'parameter group absent: not_assessable', facts: members((m) => (m.CacheParameterGroupName = null)), status: 'not_assessable' },
  { name: 'members throttled: error', facts: (f) => (f.members = missing('refused')), status: 'error' },
]);
cloudCases('RED-CFG-004', 'ms', [{ name: 'no parameter groups: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-CFG-005', 'ec', [
  { name: 'timeout 900, tcp-keepalive 300 (read over three pages): pass', status: 'pass' },
  {
    name: 'timeout 0 (idle clients never dropped): fail',
    facts: (f) => f.parameters.ok && (f.parameters.value[0].parameters.timeout!.ParameterValue = '0'),
    status: 'fail',
    reason: /timeout 0/,
  },
  { name: 'DescribeCacheParameters switched off: not_assessable', facts: (f) => (f.parameters = missing('disabled', 'switched off')), status: 'not_assessable' },
  { name: 'DescribeCacheParameters throttled: error', facts: (f) => (f.parameters = missing('refused')), status: 'error' },
  {
    name: 'parameter not returned: not_assessable',
    facts: (f) => f.parameters.ok && delete f.parameters.value[0].parameters['tcp-keepalive'],
    status: 'not_assessable',
  },
]);
cloudCases('RED-CFG-005', 'ms', [{ name: 'Memorystore does not expose timeout: not_applicable', status: 'not_applicable', reason: /timeout/ }]);
cloudCases('RED-CFG-006', 'ec', [{ name: 'no command renaming on ElastiCache: not_applicable', status: 'not_applicable', reason: /RED-ACL-003/ }]);

cloudCases('RED-LOG-001', 'ec', [{ name: 'CloudTrail not collected by this build: not_assessable', status: 'not_assessable', reason: /cloudtrail/ }]);
cloudCases('RED-LOG-001', 'ecs', [{ name: 'CloudTrail not collected by this build: not_assessable', status: 'not_assessable' }]);
cloudCases('RED-LOG-001', 'ms', [
  { name: 'Admin Activity audit logs always on: pass by platform', status: 'pass', check: byPlatform('ms-admin-activity-audit-logs') },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);

const delivery = (logType: string, status: string | null) =>
  ecSet((s) => {
    s.LogDeliveryConfigurations = s.LogDeliveryConfigurations.map((d) => (d.LogType === logType ? { ...d, Status: status } : d));
  });
cloudCases('RED-LOG-002', 'ec', [
  { name: 'engine-log delivery active: pass', status: 'pass' },
  { name: 'engine-log delivery in error: fail', facts: delivery('engine-log', 'error'), status: 'fail', reason: /error/ },
  { name: 'no engine-log delivery: fail', facts: ecSet((s) => (s.LogDeliveryConfigurations = [])), status: 'fail', reason: /no engine-log delivery/ },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-LOG-002', 'ecs', [{ name: 'no log delivery for serverless: not_applicable', status: 'not_applicable', reason: /RED-LOG-001/ }]);
cloudCases('RED-LOG-003', 'ec', [
  { name: 'slow-log delivery active: pass', status: 'pass' },
  { name: 'slow-log delivery disabling: fail', facts: delivery('slow-log', 'disabling'), status: 'fail' },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('refused')), status: 'error' },
]);
cloudCases('RED-LOG-003', 'ms', [{ name: 'SLOWLOG LEN needs the data plane: not_assessable', status: 'not_assessable', reason: /SLOWLOG LEN/ }]);

cloudCases('RED-LOG-004', 'ec', [
  { name: 'attestation current but log groups not collected: not_assessable (the attestation alone does not pass)', status: 'not_assessable', reason: /DescribeLogGroups/ },
  { name: 'no attestation on file: fail', ctx: (c) => (c.records = { ...hardenedRecords(), attestations: [] }), status: 'fail', reason: /no log-retention attestation/ },
]);
cloudCases('RED-LOG-004', 'ms', [
  { name: 'current attestation: pass', status: 'pass' },
  {
    name: 'attestation with 30 days online: fail',
    ctx: (c) => {
      const records = hardenedRecords();
      for (const a of records.attestations) if (a.kind === 'log_retention') a.claims.onlineDays = 30;
      c.records = records;
    },
    status: 'fail',
    reason: /online retention 30 days/,
  },
  { name: 'no record store (CLI): not_assessable', ctx: (c) => delete c.records, status: 'not_assessable' },
]);
for (const resource of ['ec', 'ecs', 'ms'] as const) {
  cloudCases('RED-LOG-005', resource, [{ name: 'TIME needs the data plane: not_assessable', status: 'not_assessable', reason: /TIME/ }]);
}
