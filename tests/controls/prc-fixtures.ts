// Process records in which every PRC/ROT control passes on the hardened fixture (merged into
// hardenedRecords()), and small builders the PRC/ROT tests edit.
import type { ControlRecords, DrillRecord, ProcessRecordEntry } from '@/lib/controls/types';
import { iso } from './fixtures';

const HOUR = 3_600_000;
const DAY = 86_400_000;

const base = (id: string, ageDays = 30) => ({ id, scope: { org: true }, approvedAt: iso(-ageDays * DAY), expiresAt: null, reviewer: 'reviewer@example.test' });

export function passingDrill(): DrillRecord {
  return {
    id: 'drill-1',
    instanceId: 'redis-prod-1',
    automated: true,
    startedAt: iso(-20 * DAY),
    restoredAt: iso(-20 * DAY + 40_000),
    snapshotTakenAt: iso(-20 * DAY - 2 * HOUR),
    rtoSeconds: 40,
    rpoSeconds: 2 * 3600,
    result: 'pass',
    reason: null,
    integrity: { method: 'key_count', passed: true, expectedKeys: 100, restoredKeys: 100 },
    restoreEnvironment: 'drill-sandbox',
    runbookReviewedAt: iso(-19 * DAY),
  };
}

export function passingProcessRecords(): ProcessRecordEntry[] {
  return [
    { ...base('dr-1'), kind: 'dr_plan', claims: { rtoTargetMinutes: 60, rpoTargetMinutes: 240, procedure: 'https://runbooks.example/redis-restore', strategy: 'replica in zone-b' } },
    { ...base('baa-1', 300), kind: 'baa', claims: { provider: 'other', accounts: [], services: ['colocation'], signer: 'CISO', effectiveDate: iso(-300 * DAY) } },
    { ...base('pr-1'), kind: 'provider_review', claims: { provider: 'other', reportType: 'SOC 2 Type II', period: '2025', exceptions: null } },
    {
      ...base('ar-1', 20),
      kind: 'access_review',
      claims: { owner: 'owner@example.test', users: ['app', 'repl', 'scanner', 'admin'].map((name) => ({ name, decision: 'keep' as const })) },
    },
    { ...base('aa-1'), kind: 'admin_access', claims: { bastionOrVpn: true, mfa: true, shortLivedCredentials: true, operatorMtls: true, adminUsers: ['admin'] } },
    {
      ...base('km-1'),
      kind: 'key_management',
      claims: {
        vault: true,
        noSecretsInCode: true,
        secretScanReference: 'gitleaks run 2026-05-01',
        rotationAutomated: true,
        kmsOrHsm: true,
        dualControl: true,
        keyLossRecovery: true,
        certificateRevocation: true,
        clientsVerifyServerCerts: true,
      },
    },
    { ...base('bap-1'), kind: 'backup_archive_policy', claims: { archiveLocation: 's3://archive', retentionYears: 6, immutability: 'S3 Object Lock', accessList: ['backup-operators'], accessLogging: true } },
    ...(['risk_analysis', 'training', 'incident_response', 'policy_review'] as const).map((component) => ({
      ...base(`sp-${component}`),
      kind: 'security_program' as const,
      claims: { component, coversRedisEstate: true, cacheScenarios: true },
    })),
  ];
}

/** The record fields the PRC/ROT controls read, all passing. */
export function passingRecordExtras(): Required<Pick<ControlRecords, 'drills' | 'processRecords' | 'rotations' | 'credentialObservations' | 'detectedChanges' | 'configBaselineAt' | 'findings'>> {
  return {
    drills: [passingDrill()],
    processRecords: passingProcessRecords(),
    rotations: [
      ...['app', 'repl', 'scanner', 'admin'].map((name) => ({ id: `rot-${name}`, kind: 'acl_password' as const, subject: `user ${name}`, rotatedAt: iso(-100 * DAY), detectedFrom: 'facts' as const })),
      { id: 'rot-disk', kind: 'disk_key', subject: 'data volume', rotatedAt: iso(-200 * DAY), detectedFrom: 'manual' },
    ],
    credentialObservations: [],
    detectedChanges: [],
    configBaselineAt: iso(-400 * DAY),
    findings: [],
  };
}
