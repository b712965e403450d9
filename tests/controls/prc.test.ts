// RED-PRC-001…011 on the self-hosted fixture: each passes on its record and fails when the record
// is missing, stale, expired or says no; without a record store (the CLI) it is not_assessable.
import { expect } from 'vitest';
import type { EvaluationContext } from '@/lib/controls/context';
import type { ProcessRecordEntry, ProcessRecordEntryKind } from '@/lib/controls/types';
import { controlCases } from './cases';
import { iso, missing, USERS } from './fixtures';

const DAY = 86_400_000;

function record<K extends ProcessRecordEntryKind>(c: EvaluationContext, kind: K, id?: string): Extract<ProcessRecordEntry, { kind: K }> {
  const found = c.records!.processRecords!.find((r) => r.kind === kind && (!id || r.id === id));
  if (!found) throw new Error(`fixture has no ${kind}`);
  return found as Extract<ProcessRecordEntry, { kind: K }>;
}

function drop(c: EvaluationContext, kind: ProcessRecordEntryKind) {
  c.records!.processRecords = c.records!.processRecords!.filter((r) => r.kind !== kind);
}

const drill = (c: EvaluationContext) => c.records!.drills![0];
const noStore = { name: 'no record store (CLI): not_assessable', ctx: (c: EvaluationContext) => delete c.records, status: 'not_assessable' as const, reason: /no record store/ };

controlCases('RED-PRC-001', [
  { name: 'passing drill 20 days ago within the DR plan targets: pass', status: 'pass', check: (r) => expect(r.evidenceRefs).toContain('records/drill/drill-1') },
  { name: 'no drill: fail', ctx: (c) => (c.records!.drills = []), status: 'fail', reason: /no restore drill on file/ },
  { name: 'last drill 130 days ago: fail', ctx: (c) => (drill(c).startedAt = iso(-130 * DAY)), status: 'fail', reason: /130 days ago/ },
  { name: 'RTO over the DR plan target (90 min > 60): fail', ctx: (c) => (drill(c).rtoSeconds = 90 * 60), status: 'fail', reason: /RTO 90 min over the 60 min target/ },
  {
    name: 'without a DR plan the default RTO target (240 min) applies: pass at 90 min',
    ctx: (c) => {
      drill(c).rtoSeconds = 90 * 60;
      drop(c, 'dr_plan');
    },
    status: 'pass',
  },
  { name: 'RPO over target: fail', ctx: (c) => (drill(c).rpoSeconds = 26 * 3600), status: 'fail', reason: /RPO 1560 min over the 240 min target/ },
  {
    name: 'key count mismatch: fail',
    ctx: (c) => {
      drill(c).integrity = { method: 'key_count', passed: false, expectedKeys: 100, restoredKeys: 70 };
      drill(c).result = 'fail';
      drill(c).reason = 'db0: restored 70 keys, expected 100';
    },
    status: 'fail',
    reason: /restored 70 keys/,
  },
  { name: 'restored into production: fail', ctx: (c) => (drill(c).restoreEnvironment = 'production'), status: 'fail', reason: /production-class/ },
  { name: 'runbook never reviewed after a drill 20 days ago: fail', ctx: (c) => (drill(c).runbookReviewedAt = null), status: 'fail', reason: /runbook/ },
  {
    name: 'runbook review still due (drill 3 days ago): pass',
    ctx: (c) => {
      drill(c).startedAt = iso(-3 * DAY);
      drill(c).runbookReviewedAt = null;
    },
    status: 'pass',
  },
  { name: 'the newest drill decides (an older pass does not help)', ctx: (c) => c.records!.drills!.unshift({ ...drill(c), id: 'drill-2', startedAt: iso(-DAY), result: 'fail', reason: 'sandbox did not load the file' }), status: 'fail', reason: /sandbox did not load/ },
  noStore,
]);

controlCases('RED-PRC-002', [
  { name: 'DR plan with RTO and RPO reviewed 30 days ago: pass', status: 'pass' },
  { name: 'no plan: fail', ctx: (c) => drop(c, 'dr_plan'), status: 'fail', reason: /no disaster recovery plan on file/ },
  { name: 'plan reviewed 2 years ago: fail', ctx: (c) => (record(c, 'dr_plan').approvedAt = iso(-730 * DAY)), status: 'fail', reason: /no current disaster recovery plan/ },
  { name: 'plan expired: fail', ctx: (c) => (record(c, 'dr_plan').expiresAt = iso(-DAY)), status: 'fail' },
  { name: 'plan without RPO: fail', ctx: (c) => (record(c, 'dr_plan').claims.rpoTargetMinutes = null), status: 'fail', reason: /no RPO target/ },
  noStore,
]);

controlCases('RED-PRC-003', [
  { name: 'hosting provider BAA and a reviewed SOC 2: pass', status: 'pass' },
  { name: 'no hosting provider named: not_applicable', ctx: (c) => (c.instance!.tags = {}), status: 'not_applicable', reason: /no hosting provider/ },
  { name: 'no BAA: fail', ctx: (c) => drop(c, 'baa'), status: 'fail', reason: /no Business Associate Agreement on file covering Example Colocation/ },
  { name: 'BAA expired: fail', ctx: (c) => (record(c, 'baa').expiresAt = iso(-DAY)), status: 'fail' },
  { name: 'provider review 14 months old: fail', ctx: (c) => (record(c, 'provider_review').approvedAt = iso(-425 * DAY)), status: 'fail', reason: /provider assurance review/ },
  noStore,
]);

controlCases('RED-PRC-004', [
  { name: 'no findings: pass', status: 'pass' },
  {
    name: 'critical finding open 12 days (SLA 7): fail',
    ctx: (c) => (c.records!.findings = [{ id: 'f1', controlId: 'RED-TLS-002', severity: 'critical', state: 'open', firstDetectedAt: iso(-12 * DAY), exception: null }]),
    status: 'fail',
    reason: /RED-TLS-002 \(critical\) open 12 days, SLA 7/,
  },
  {
    name: 'overdue but covered by an unexpired exception: pass',
    ctx: (c) => (c.records!.findings = [{ id: 'f1', controlId: 'RED-TLS-002', severity: 'critical', state: 'risk_accepted', firstDetectedAt: iso(-12 * DAY), exception: { id: 'x1', expiresAt: iso(30 * DAY) } }]),
    status: 'pass',
  },
  {
    name: 'risk accepted with an expired exception: fail',
    ctx: (c) => (c.records!.findings = [{ id: 'f1', controlId: 'RED-TLS-002', severity: 'critical', state: 'risk_accepted', firstDetectedAt: iso(-12 * DAY), exception: { id: 'x1', expiresAt: iso(-DAY) } }]),
    status: 'fail',
  },
  {
    name: 'resolved findings and open ones within SLA: pass',
    ctx: (c) =>
      (c.records!.findings = [
        { id: 'f1', controlId: 'RED-TLS-002', severity: 'critical', state: 'resolved', firstDetectedAt: iso(-100 * DAY), exception: null },
        { id: 'f2', controlId: 'RED-CFG-005', severity: 'low', state: 'open', firstDetectedAt: iso(-100 * DAY), exception: null },
      ]),
    status: 'pass',
  },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable' },
]);

controlCases('RED-PRC-005', [
  { name: 'review of every current user by a non-owner 20 days ago: pass', status: 'pass' },
  { name: 'no review: fail', ctx: (c) => drop(c, 'access_review'), status: 'fail', reason: /no access review on file/ },
  { name: 'review 100 days old: fail', ctx: (c) => (record(c, 'access_review').approvedAt = iso(-100 * DAY)), status: 'fail' },
  { name: 'reviewer is the owner: fail', ctx: (c) => (record(c, 'access_review').claims.owner = 'reviewer@example.test'), status: 'fail', reason: /reviewer is the instance owner/ },
  {
    name: 'user added after the review without approval: fail',
    facts: (f) => f.acl.users.ok && f.acl.users.value.push({ ...USERS.app(), name: 'vendor-debug' }),
    status: 'fail',
    reason: /vendor-debug not in the review/,
  },
  {
    name: 'user added after the review with an approved change record: pass',
    facts: (f) => f.acl.users.ok && f.acl.users.value.push({ ...USERS.app(), name: 'vendor-debug' }),
    ctx: (c) => c.records!.changes!.push({ id: 'ch-1', approvedAt: iso(-DAY), windowStart: iso(-2 * DAY), windowEnd: iso(-DAY), changedFields: ['acl user vendor-debug'] }),
    status: 'pass',
  },
  {
    name: 'user the review removed is still present: fail',
    ctx: (c) => (record(c, 'access_review').claims.users.find((u) => u.name === 'app')!.decision = 'remove'),
    status: 'fail',
    reason: /app was to be removed/,
  },
  { name: 'users cannot be read, review current: not_assessable', facts: (f) => (f.acl.users = missing('noperm')), status: 'not_assessable' },
  { name: 'users cannot be read, review stale: fail', facts: (f) => (f.acl.users = missing('noperm')), ctx: (c) => (record(c, 'access_review').approvedAt = iso(-200 * DAY)), status: 'fail' },
  noStore,
]);

controlCases('RED-PRC-006', [
  { name: 'no changes since the baseline: pass', status: 'pass' },
  { name: 'first snapshot (no baseline): not_assessable', ctx: (c) => (c.records!.configBaselineAt = null), status: 'not_assessable', reason: /no baseline/ },
  {
    name: 'protected-mode switched off 10 days ago without a record: fail',
    ctx: (c) => (c.records!.detectedChanges = [{ id: 'cc1', field: 'config protected-mode', before: 'yes', after: 'no', detectedAt: iso(-10 * DAY) }]),
    status: 'fail',
    reason: /config protected-mode yes → no/,
  },
  {
    name: 'change detected 2 days ago, grace 7 days: pass (pending)',
    ctx: (c) => (c.records!.detectedChanges = [{ id: 'cc1', field: 'config protected-mode', before: 'yes', after: 'no', detectedAt: iso(-2 * DAY) }]),
    status: 'pass',
    check: (r) => expect((r.observed as { pending: unknown[] }).pending).toHaveLength(1),
  },
  {
    name: 'change inside an approved window naming the setting: pass',
    ctx: (c) => {
      c.records!.detectedChanges = [{ id: 'cc1', field: 'config maxmemory-policy', before: 'noeviction', after: 'allkeys-lru', detectedAt: iso(-10 * DAY) }];
      c.records!.changes!.push({ id: 'ch-1', approvedAt: iso(-9 * DAY), windowStart: iso(-11 * DAY), windowEnd: iso(-10 * DAY - 3_600_000), changedFields: ['maxmemory-policy'] });
    },
    status: 'pass',
    check: (r) => expect(r.evidenceRefs).toContain('records/change/ch-1'),
  },
  {
    name: 'approval recorded after the grace period: fail',
    ctx: (c) => {
      c.records!.detectedChanges = [{ id: 'cc1', field: 'config maxmemory-policy', before: 'noeviction', after: 'allkeys-lru', detectedAt: iso(-30 * DAY) }];
      c.records!.changes!.push({ id: 'ch-1', approvedAt: iso(-DAY), windowStart: iso(-31 * DAY), windowEnd: iso(-30 * DAY), changedFields: [] });
    },
    status: 'fail',
  },
  noStore,
]);

controlCases('RED-PRC-007', [
  { name: 'attestation with MFA, JIT and operator mTLS; admin on the list: pass', status: 'pass' },
  { name: 'no attestation: fail', ctx: (c) => drop(c, 'admin_access'), status: 'fail', reason: /no administrative-access attestation on file/ },
  { name: 'operator mTLS not affirmed on self: fail', ctx: (c) => (record(c, 'admin_access').claims.operatorMtls = false), status: 'fail', reason: /operatorMtls/ },
  {
    name: 'an enabled +@all user not on the attested list: fail',
    facts: (f) => f.acl.users.ok && f.acl.users.value.push({ ...USERS.admin(), name: 'vendor-debug' }),
    status: 'fail',
    reason: /vendor-debug/,
  },
  { name: 'users unreadable: not_assessable (attestation present)', facts: (f) => (f.acl.users = missing('noperm')), status: 'not_assessable' },
  { name: 'users unreadable and no attestation: fail', facts: (f) => (f.acl.users = missing('noperm')), ctx: (c) => drop(c, 'admin_access'), status: 'fail' },
  noStore,
]);

const hardening = (c: EvaluationContext) => c.records!.attestations.find((a) => a.kind === 'host_hardening')!;

controlCases('RED-PRC-008', [
  { name: 'host attestation with every item affirmed: pass', status: 'pass' },
  { name: 'no attestation: fail', ctx: (c) => (c.records!.attestations = c.records!.attestations.filter((a) => a.kind !== 'host_hardening')), status: 'fail', reason: /no host-hardening attestation/ },
  {
    name: 'shell access not restricted: fail',
    ctx: (c) => {
      const a = hardening(c);
      if (a.kind === 'host_hardening') a.claims.shellRestricted = false;
    },
    status: 'fail',
    reason: /shellRestricted/,
  },
  { name: 'attestation for another host: fail', ctx: (c) => (hardening(c).scope.hosts = ['10.9.9.9']), status: 'fail' },
  { name: 'path-specific attestation covering dir and the key file: pass', ctx: (c) => (hardening(c).scope.paths = ['/var/lib/redis', '/etc/redis/tls']), status: 'pass' },
  { name: 'path-specific attestation missing the TLS key path: fail', ctx: (c) => (hardening(c).scope.paths = ['/var/lib/redis']), status: 'fail' },
  { name: 'attestation 400 days old: fail', ctx: (c) => (hardening(c).approvedAt = iso(-400 * DAY)), status: 'fail' },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable' },
]);

controlCases('RED-PRC-009', [
  { name: 'key-management attestation, all affirmed: pass', status: 'pass' },
  { name: 'no key-loss recovery procedure: fail', ctx: (c) => (record(c, 'key_management').claims.keyLossRecovery = false), status: 'fail', reason: /keyLossRecovery/ },
  { name: 'no secret-scanning reference: fail', ctx: (c) => (record(c, 'key_management').claims.secretScanReference = null), status: 'fail', reason: /secretScanReference/ },
  { name: 'none on file: fail', ctx: (c) => drop(c, 'key_management'), status: 'fail' },
  noStore,
]);

controlCases('RED-PRC-010', [
  { name: 'copy to another account, 6-year locked archive: pass', status: 'pass' },
  { name: 'copy in the source account: fail', ctx: (c) => (c.records!.backupCopies![0].destinationAccount = 'prod-datacenter'), status: 'fail', reason: /source's own account/ },
  { name: 'archive kept 1 year: fail', ctx: (c) => (record(c, 'backup_archive_policy').claims.retentionYears = 1), status: 'fail', reason: /archive kept 1 years/ },
  { name: 'no access logging: fail', ctx: (c) => (record(c, 'backup_archive_policy').claims.accessLogging = false), status: 'fail', reason: /access logging off/ },
  { name: 'no copy recorded: fail', ctx: (c) => (c.records!.backupCopies = []), status: 'fail', reason: /no backup copy recorded/ },
  { name: 'no archive policy: fail', ctx: (c) => drop(c, 'backup_archive_policy'), status: 'fail', reason: /no backup archive policy on file/ },
  noStore,
]);

controlCases('RED-PRC-011', [
  { name: 'all four components current: pass', status: 'pass' },
  { name: 'risk analysis from 2 years ago: fail', ctx: (c) => (record(c, 'security_program', 'sp-risk_analysis').approvedAt = iso(-730 * DAY)), status: 'fail', reason: /no current risk analysis/ },
  { name: 'incident-response plan without cache scenarios: fail', ctx: (c) => (record(c, 'security_program', 'sp-incident_response').claims.cacheScenarios = false), status: 'fail', reason: /no cache scenarios/ },
  noStore,
]);
