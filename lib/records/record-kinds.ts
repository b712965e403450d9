// The process record kinds of catalog §4.1 as data: what each is called, which controls read it,
// and its fields. The form, the validation (record-details-schema.ts) and the record list are all
// built from this table, so a kind is added in one place.

export type FieldSpec =
  | { name: string; label: string; type: 'text'; required?: boolean; placeholder?: string }
  | { name: string; label: string; type: 'number'; required?: boolean; min?: number; max?: number }
  | { name: string; label: string; type: 'boolean' }
  | { name: string; label: string; type: 'list'; required?: boolean; placeholder?: string }
  /** Times are UTC; `withTime` asks for a time of day as well. */
  | { name: string; label: string; type: 'date'; required?: boolean; withTime?: boolean }
  | { name: string; label: string; type: 'select'; options: readonly string[] }
  /** One line per user: `name: keep` or `name: remove`. */
  | { name: string; label: string; type: 'decisions' };

export interface RecordKindSpec {
  label: string;
  /** Control ids that read this kind. */
  controls: string[];
  /** Where it goes in the evaluation's records. */
  target: 'attestation' | 'process' | 'backupCopy' | 'change' | 'acknowledgement';
  fields: FieldSpec[];
  hint: string;
}

const yes = (name: string, label: string): FieldSpec => ({ name, label, type: 'boolean' });

export const RECORD_KINDS = {
  dr_plan: {
    label: 'Disaster recovery plan',
    controls: ['RED-PRC-002', 'RED-PRC-001', 'RED-BAK-003'],
    target: 'process',
    hint: 'RPO/RTO per instance; its targets replace the defaults for restore drills.',
    fields: [
      { name: 'rtoTargetMinutes', label: 'RTO target (minutes)', type: 'number', required: true, min: 1 },
      { name: 'rpoTargetMinutes', label: 'RPO target (minutes)', type: 'number', required: true, min: 1 },
      { name: 'procedure', label: 'Failover and restore procedure (runbook URL or summary)', type: 'text', required: true },
      { name: 'strategy', label: 'Replica / region strategy', type: 'text' },
    ],
  },
  baa: {
    label: 'Business Associate Agreement',
    controls: ['RED-PRC-003'],
    target: 'process',
    hint: 'AWS Artifact has no API: upload the accepted addendum. Leave accounts empty to cover every account in the scope.',
    fields: [
      { name: 'provider', label: 'Provider', type: 'select', options: ['aws', 'gcp', 'other'] },
      { name: 'accounts', label: 'Covered account ids / organisation / projects', type: 'list', placeholder: '111122223333, my-gcp-project' },
      { name: 'services', label: 'Services listed', type: 'list', required: true, placeholder: 'elasticache, memorystore' },
      { name: 'signer', label: 'Signed by', type: 'text' },
      { name: 'effectiveDate', label: 'Effective date', type: 'date' },
    ],
  },
  provider_review: {
    label: 'Provider assurance review',
    controls: ['RED-PRC-003'],
    target: 'process',
    hint: "The provider's SOC 2 / HITRUST / ISO report, reviewed.",
    fields: [
      { name: 'provider', label: 'Provider', type: 'select', options: ['aws', 'gcp', 'other'] },
      { name: 'reportType', label: 'Report', type: 'select', options: ['SOC 2 Type II', 'HITRUST', 'ISO 27001', 'other'] },
      { name: 'period', label: 'Report period', type: 'text' },
      { name: 'exceptions', label: 'Exceptions noted', type: 'text' },
    ],
  },
  access_review: {
    label: 'Access review',
    controls: ['RED-PRC-005'],
    target: 'process',
    hint: 'A decision for every user of the instance; the reviewer must not be the instance owner.',
    fields: [
      { name: 'owner', label: 'Instance owner', type: 'text', required: true },
      { name: 'users', label: 'Decisions (one per line: user: keep | remove)', type: 'decisions' },
    ],
  },
  change_approval: {
    label: 'Change approval',
    controls: ['RED-PRC-006', 'RED-MON-003'],
    target: 'change',
    hint: 'Approves the detected changes of the listed settings inside the window (no settings listed = any).',
    fields: [
      { name: 'windowStart', label: 'Window start (UTC)', type: 'date', required: true, withTime: true },
      { name: 'windowEnd', label: 'Window end (UTC)', type: 'date', required: true, withTime: true },
      { name: 'changedFields', label: 'Settings changed', type: 'list', placeholder: 'config protected-mode, acl user app' },
      { name: 'ticket', label: 'Ticket', type: 'text' },
    ],
  },
  admin_access: {
    label: 'Administrative access attestation',
    controls: ['RED-PRC-007'],
    target: 'process',
    hint: 'How administrators reach the instances, and who they are.',
    fields: [
      yes('bastionOrVpn', 'Administration only through a bastion or VPN'),
      yes('mfa', 'MFA on the administrative path'),
      yes('shortLivedCredentials', 'Just-in-time / short-lived credentials'),
      yes('operatorMtls', 'Mutual TLS for operator access (self-hosted)'),
      { name: 'adminUsers', label: 'Admin users', type: 'list', required: true, placeholder: 'admin, ops-breakglass' },
    ],
  },
  host_hardening: {
    label: 'Host hardening attestation',
    controls: ['RED-PRC-008', 'RED-ENC-001', 'RED-NET-004'],
    target: 'attestation',
    hint: 'Self-hosted hosts: encryption of the data paths, permissions, keys, shell, egress.',
    fields: [
      yes('diskEncryption', 'Disk/filesystem encryption for dir and the AOF directory'),
      yes('dataDirPermissions', 'Data dir chmod 700, key files chmod 600'),
      yes('privateKeysNotShared', 'Private keys not on shared disks'),
      yes('shellRestricted', 'Shell access restricted'),
      yes('logRotation', 'Log rotation automated'),
      yes('egressRestricted', 'Egress restricted'),
      yes('networkPolicy', 'Network policies (containers/Kubernetes) or host firewall'),
      { name: 'egressDestinations', label: 'Allowed egress destinations', type: 'list' },
      { name: 'hosts', label: 'Hosts covered', type: 'list' },
      { name: 'paths', label: 'Data paths covered (empty = whole host)', type: 'list', placeholder: '/var/lib/redis' },
    ],
  },
  key_management: {
    label: 'Key management attestation',
    controls: ['RED-PRC-009'],
    target: 'process',
    hint: 'Organisation-wide: vault, secret scanning, rotation, KMS/HSM, dual control, recovery.',
    fields: [
      yes('vault', 'Secrets held in a vault'),
      yes('noSecretsInCode', 'No credentials in source code or images'),
      { name: 'secretScanReference', label: 'Secret-scanning report reference', type: 'text', required: true },
      yes('rotationAutomated', 'Rotation automated'),
      yes('kmsOrHsm', 'Keys in a KMS or HSM'),
      yes('dualControl', 'Dual control and separation of duties'),
      yes('keyLossRecovery', 'Key-loss recovery procedure'),
      yes('certificateRevocation', 'Certificate revocation procedure'),
      yes('clientsVerifyServerCerts', 'Clients verify server certificates'),
    ],
  },
  backup_copy: {
    label: 'Backup copy',
    controls: ['RED-PRC-010', 'RED-BAK-004'],
    target: 'backupCopy',
    hint: 'One off-host copy of a backup: where, and with which key.',
    fields: [
      { name: 'createdAt', label: 'Copied at', type: 'date', required: true, withTime: true },
      { name: 'destinationAccount', label: 'Destination account / project / bucket owner', type: 'text', required: true },
      { name: 'sourceAccount', label: 'Source account (self-hosted)', type: 'text' },
      yes('encrypted', 'Encrypted'),
      { name: 'keyRef', label: 'KMS key id', type: 'text' },
      yes('keyOnRedisHost', 'The key is stored on the Redis host'),
      { name: 'checksum', label: 'Checksum (SHA-256)', type: 'text' },
    ],
  },
  backup_archive_policy: {
    label: 'Backup archive policy',
    controls: ['RED-PRC-010'],
    target: 'process',
    hint: 'Long-term archive: retention ≥ 6 years, immutable, access-logged.',
    fields: [
      { name: 'archiveLocation', label: 'Archive location', type: 'text', required: true },
      { name: 'retentionYears', label: 'Retention (years)', type: 'number', required: true, min: 0 },
      { name: 'immutability', label: 'Immutability (Object Lock, bucket lock…)', type: 'text' },
      { name: 'accessList', label: 'Who may view, copy or restore', type: 'list', required: true },
      yes('accessLogging', 'Access logging on'),
    ],
  },
  log_retention: {
    label: 'Log retention attestation',
    controls: ['RED-LOG-004', 'RED-LOG-002'],
    target: 'attestation',
    hint: 'Online and archive retention, integrity, rotation, coverage and where logs are shipped.',
    fields: [
      { name: 'onlineDays', label: 'Days online (empty = never expires)', type: 'number', min: 1 },
      { name: 'archiveDays', label: 'Days archived', type: 'number', required: true, min: 0 },
      { name: 'archiveLocation', label: 'Archive location', type: 'text' },
      { name: 'integrityMechanism', label: 'Integrity mechanism (empty = none)', type: 'text' },
      yes('rotationAutomated', 'Rotation automated'),
      yes('coverageReviewed', 'Coverage of every PHI-touching pathway reviewed'),
      { name: 'shippingDestination', label: 'Server logs shipped to', type: 'text' },
    ],
  },
  alert_routing: {
    label: 'Alert routing attestation',
    controls: ['RED-MON-006'],
    target: 'attestation',
    hint: 'Which events alert, and to which on-call channel.',
    fields: [
      { name: 'events', label: 'Events alerted', type: 'list', required: true, placeholder: 'auth failures, unknown networks, deletion spikes, failovers' },
      { name: 'channel', label: 'Channel', type: 'text', required: true },
    ],
  },
  security_program: {
    label: 'Security program record',
    controls: ['RED-PRC-011'],
    target: 'process',
    hint: 'One record per component: risk analysis, training, incident-response plan, policy review.',
    fields: [
      { name: 'component', label: 'Component', type: 'select', options: ['risk_analysis', 'training', 'incident_response', 'policy_review'] },
      yes('coversRedisEstate', 'Covers the Redis/Valkey estate'),
      yes('cacheScenarios', 'Includes cache scenarios (leaked credential, open port, PHI in cache)'),
    ],
  },
  role_change_ack: {
    label: 'Role change acknowledgement',
    controls: ['RED-MON-004'],
    target: 'acknowledgement',
    hint: 'The cause of a detected failover or replication role change.',
    fields: [
      { name: 'detectedAt', label: 'Change detected at', type: 'date', required: true, withTime: true },
      { name: 'cause', label: 'Cause', type: 'text', required: true },
    ],
  },
} as const satisfies Record<string, RecordKindSpec>;

export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as RecordKind[];

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && value in RECORD_KINDS;
}

export const SCOPE_TYPES = ['organization', 'connection', 'instance'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];
