// The contract between the probes (facts), the controls (pure decisions) and everything downstream
// (CLI document, stored ControlResults, findings, evidence packages). Extend, never rename.

export const CONTROL_STATUSES = ['pass', 'fail', 'error', 'not_assessable', 'not_applicable'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Catalog §1.4 platform codes. */
export const PLATFORMS = ['self', 'ec', 'ecs', 'ms'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface FrameworkRefs {
  /** e.g. "164.312(e)(1)" or "164.308(a)(7)(ii)(D)" */
  hipaa: string[];
  /** HITRUST CSF ids, e.g. "0903.10f1" */
  hitrust: string[];
}

export interface ControlResult {
  controlId: string;
  title: string;
  status: ControlStatus;
  severity: Severity;
  /** Short, redacted value(s) the verdict rests on. Never a secret, never PHI. */
  observed: unknown;
  /** The rule in words, with the threshold value used. */
  expected: string;
  /** Why: mandatory for fail / error / not_assessable / not_applicable. */
  reason?: string;
  /** Control id this result depends on (not_applicable because another control already fails). */
  dependsOn?: string;
  /** JSON pointers into the facts snapshot (`facts#/tls/handshakes/TLSv1`) or record refs. */
  evidenceRefs: string[];
  frameworks: FrameworkRefs;
}

// ---------------------------------------------------------------------------------------------
// Catalog metadata (catalog §1.5, §2): one record per control id, used by the evaluators, the
// generated reference (docs/controls.md) and the app.

export const CONTROL_DOMAINS = [
  'INV', 'NET', 'TLS', 'ENC', 'AUTH', 'ACL', 'CFG', 'LOG', 'MON', 'AVL', 'BAK', 'DATA', 'PRC', 'ROT',
] as const;
export type ControlDomain = (typeof CONTROL_DOMAINS)[number];

/** Catalog section: §3 technical, §4 process (app records), §5 keyspace data. */
export type ControlSection = 'technical' | 'process' | 'keyspace';

/** Remediation shown to engineers: the exact setting, command or console action per platform. */
export type Remediation = Partial<Record<Platform | 'all', string>>;

export interface ControlMeta {
  id: string;
  title: string;
  domain: ControlDomain;
  section: ControlSection;
  platforms: readonly Platform[];
  /** The catalog's wording when coverage is conditional, e.g. "ec ecs ms (self if hosted)". */
  platformNote?: string;
  severity: Severity;
  /** One line, citing the seed guide (000 / 001 / 002). */
  why: string;
  /** What passes, in words. */
  passes: string;
  fix: Remediation;
  /** Reason reported as `not_applicable` for every platform the control does not cover. */
  notApplicable: Partial<Record<Platform, string>>;
  /** Threshold keys (catalog §1.7) the control reads. */
  thresholds: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// App records (catalog §4.1) a control may read. The records issue fills these; the caller passes
// only records whose scope covers the instance being evaluated. ISO-8601 strings for times.

export interface RecordScope {
  instanceIds?: string[];
  hosts?: string[];
  environment?: string;
  /** Filesystem paths an attestation names (data dir, AOF dir, key files). */
  paths?: string[];
  /** Organisation-wide record. */
  org?: boolean;
}

interface AttestationBase {
  id: string;
  scope: RecordScope;
  approvedAt: string;
  expiresAt?: string | null;
}

/** HostHardeningAttestation (RED-PRC-008, RED-ENC-001, RED-NET-004). */
export interface HostHardeningAttestation extends AttestationBase {
  kind: 'host_hardening';
  claims: {
    /** Disk/filesystem encryption for the data paths (`dir`, `appenddirname`). */
    diskEncryption: boolean;
    egressRestricted: boolean;
    egressDestinations?: string[];
    /** The remaining items of RED-PRC-008 (absent = not affirmed). */
    dataDirPermissions?: boolean;
    privateKeysNotShared?: boolean;
    shellRestricted?: boolean;
    logRotation?: boolean;
    networkPolicy?: boolean;
  };
}

/** LogRetentionAttestation (RED-LOG-002, RED-LOG-004). */
export interface LogRetentionAttestation extends AttestationBase {
  kind: 'log_retention';
  claims: {
    /** Days kept online; null = never expires. */
    onlineDays: number | null;
    archiveDays: number;
    archiveLocation?: string;
    /** Log-file validation, WORM storage, locked bucket…; null when none. */
    integrityMechanism: string | null;
    rotationAutomated: boolean;
    /** Coverage of every PHI-touching pathway reviewed (the review date is `approvedAt`). */
    coverageReviewed: boolean;
    /** Where this host's server log is shipped (RED-LOG-002). */
    shippingDestination: string | null;
  };
}

/** AlertRoutingAttestation (RED-MON-006). */
export interface AlertRoutingAttestation extends AttestationBase {
  kind: 'alert_routing';
  claims: { events: string[]; channel: string };
}

export type AttestationRecord = HostHardeningAttestation | LogRetentionAttestation | AlertRoutingAttestation;
export type AttestationKind = AttestationRecord['kind'];

/** BackupCopyRecord (RED-BAK-004, RED-PRC-010). */
export interface BackupCopyRecord {
  id: string;
  createdAt: string;
  encrypted: boolean;
  /** KMS key id / ARN; null when unknown. */
  keyRef: string | null;
  /** The key material lives on the Redis host itself (fails BAK-004). */
  keyOnRedisHost: boolean;
  /** Account / project / bucket owner the copy was written to (RED-PRC-010). */
  destinationAccount?: string | null;
  /** The source's account or project when the facts cannot tell (self-hosted). */
  sourceAccount?: string | null;
}

/** ChangeRecord (RED-MON-003, RED-PRC-006): an approved change and its window. */
export interface ChangeRecord {
  id: string;
  approvedAt: string;
  windowStart: string;
  windowEnd: string;
  changedFields?: string[];
}

/** Acknowledgement of a detected event with its cause (RED-MON-004). */
export interface AcknowledgementRecord {
  id: string;
  kind: 'role_change';
  acknowledgedAt: string;
  /** Time of the detected change the acknowledgement covers. */
  detectedAt: string;
  cause: string;
}

// --- Process records (catalog §4.1) read by RED-PRC-*, RED-ROT-002 and RED-ROT-004 -------------

/** DrillRecord (RED-PRC-001): one restore drill of the instance or of a member of its DR group. */
export interface DrillRecord {
  id: string;
  instanceId: string;
  automated: boolean;
  startedAt: string;
  /** Restore finished: RTO = restoredAt − startedAt. Null when the restore never completed. */
  restoredAt: string | null;
  /** When the restored backup was taken: RPO = startedAt − snapshotTakenAt. */
  snapshotTakenAt: string | null;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  result: 'pass' | 'fail';
  reason: string | null;
  /** How the restored data was checked (key counts, checksum, sampled digests) and the outcome. */
  integrity: { method: string; passed: boolean; expectedKeys: number | null; restoredKeys: number | null } | null;
  /** Environment class of the restore target (automated drills restore into `drill-sandbox`). */
  restoreEnvironment: string | null;
  /** Runbook updated or confirmed unchanged after the drill. */
  runbookReviewedAt: string | null;
}

interface ProcessRecordBase {
  id: string;
  scope: RecordScope;
  approvedAt: string;
  expiresAt?: string | null;
  /** Who reviewed/approved it (display name or e-mail); null when not recorded. */
  reviewer: string | null;
}

/** DrPlan (RED-PRC-002; its targets replace the defaults for RED-PRC-001 and RED-BAK-003). */
export interface DrPlanRecord extends ProcessRecordBase {
  kind: 'dr_plan';
  claims: { rtoTargetMinutes: number | null; rpoTargetMinutes: number | null; procedure: string | null; strategy: string | null };
}

/** BaaAttestation (RED-PRC-003). `accounts` empty = every account/project in the record's scope. */
export interface BaaRecord extends ProcessRecordBase {
  kind: 'baa';
  claims: { provider: string; accounts: string[]; services: string[]; signer: string | null; effectiveDate: string | null };
}

/** ProviderAssuranceReview (RED-PRC-003). */
export interface ProviderReviewRecord extends ProcessRecordBase {
  kind: 'provider_review';
  claims: { provider: string; reportType: string; period: string | null; exceptions: string | null };
}

/** AccessReview (RED-PRC-005): decision per user, reviewer ≠ instance owner. */
export interface AccessReviewRecord extends ProcessRecordBase {
  kind: 'access_review';
  claims: { owner: string | null; users: { name: string; decision: 'keep' | 'remove' }[] };
}

/** AdminAccessAttestation (RED-PRC-007). */
export interface AdminAccessRecord extends ProcessRecordBase {
  kind: 'admin_access';
  claims: { bastionOrVpn: boolean; mfa: boolean; shortLivedCredentials: boolean; operatorMtls: boolean; adminUsers: string[] };
}

/** KeyManagementAttestation (RED-PRC-009). */
export interface KeyManagementRecord extends ProcessRecordBase {
  kind: 'key_management';
  claims: {
    vault: boolean;
    noSecretsInCode: boolean;
    /** Reference of the secret-scanning report (tool and run). */
    secretScanReference: string | null;
    rotationAutomated: boolean;
    kmsOrHsm: boolean;
    dualControl: boolean;
    keyLossRecovery: boolean;
    certificateRevocation: boolean;
    clientsVerifyServerCerts: boolean;
  };
}

/** BackupArchivePolicy (RED-PRC-010). */
export interface BackupArchivePolicyRecord extends ProcessRecordBase {
  kind: 'backup_archive_policy';
  claims: { archiveLocation: string; retentionYears: number; immutability: string | null; accessList: string[]; accessLogging: boolean };
}

export const SECURITY_PROGRAM_COMPONENTS = ['risk_analysis', 'training', 'incident_response', 'policy_review'] as const;
export type SecurityProgramComponent = (typeof SECURITY_PROGRAM_COMPONENTS)[number];

/** SecurityProgramRecord (RED-PRC-011): one component of the program per record. */
export interface SecurityProgramRecord extends ProcessRecordBase {
  kind: 'security_program';
  claims: { component: SecurityProgramComponent; coversRedisEstate: boolean; cacheScenarios: boolean };
}

export type ProcessRecordEntry =
  | DrPlanRecord
  | BaaRecord
  | ProviderReviewRecord
  | AccessReviewRecord
  | AdminAccessRecord
  | KeyManagementRecord
  | BackupArchivePolicyRecord
  | SecurityProgramRecord;
export type ProcessRecordEntryKind = ProcessRecordEntry['kind'];

export const ROTATION_KINDS = [
  'auth_token',
  'acl_password',
  'auth_string',
  'tls_certificate',
  'ca_certificate',
  'client_certificate',
  'kms_key',
  'disk_key',
  'backup_key',
] as const;
export type RotationKind = (typeof ROTATION_KINDS)[number];

/** RotationRecord (RED-ROT-*): detected from facts or recorded by hand. Never the credential's value. */
export interface RotationRecord {
  id: string;
  kind: RotationKind;
  /** What was rotated, e.g. `user app`, `server certificate`, `disk key /var/lib/redis`. */
  subject: string;
  rotatedAt: string;
  detectedFrom: 'facts' | 'manual';
}

/** Since when the app has watched a credential and its current value (RED-ROT-002: age unknown vs old). */
export interface CredentialObservation {
  kind: RotationKind;
  subject: string;
  /** First snapshot showing the credential at all. */
  firstSeenAt: string;
  /** First snapshot showing its current value. */
  currentSince: string;
  /** SHA-256 of the facts fingerprint of the current value (compare with `credentialDigest`). */
  digest: string;
}

/** A watched setting that changed between snapshots and was not reverted (RED-PRC-006). */
export interface DetectedChange {
  id: string;
  field: string;
  before: string | null;
  after: string | null;
  detectedAt: string;
}

/** A finding of the instance with its exception (RED-PRC-004). */
export interface FindingRecord {
  id: string;
  controlId: string;
  severity: Severity;
  /** Lifecycle state (open, acknowledged, in_remediation, reopened, risk_accepted, resolved, false_positive). */
  state: string;
  firstDetectedAt: string;
  /** Approved risk exception and its expiry; null when none. */
  exception: { id: string; expiresAt: string } | null;
}

/**
 * Records supplied to an evaluation. Absent altogether (e.g. the CLI has no record store) → the
 * record-based controls are `not_assessable` "no attestation record on file"; supplied but with no
 * current record → they `fail`, because the evidence is missing (catalog §4.1). Never a pass.
 */
export interface ControlRecords {
  attestations: AttestationRecord[];
  backupCopies?: BackupCopyRecord[];
  changes?: ChangeRecord[];
  acknowledgements?: AcknowledgementRecord[];
  /** The app's finding notifications are enabled for this instance (RED-MON-006). */
  alertNotificationsEnabled?: boolean;
  /** Time of the instance's last complete data-plane snapshot before this one (RED-INV-002). */
  lastCompleteSnapshotAt?: string | null;
  /** Restore drills of the instance and of its DR group (RED-PRC-001). */
  drills?: DrillRecord[];
  /** Approved process records whose scope covers the instance (RED-PRC-002/003/005/007/009/010/011). */
  processRecords?: ProcessRecordEntry[];
  /** Credential and key rotations, detected or recorded (RED-ROT-002, RED-ROT-004). */
  rotations?: RotationRecord[];
  credentialObservations?: CredentialObservation[];
  /** Unreverted changes of watched settings, and the first snapshot (the baseline) time (RED-PRC-006). */
  detectedChanges?: DetectedChange[];
  configBaselineAt?: string | null;
  /** The instance's findings (RED-PRC-004). */
  findings?: FindingRecord[];
}

/** Inventory metadata of the instance (entered in the app or imported; overrides win over tags). */
export interface InstanceMetadata {
  id?: string;
  environment?: string;
  classification?: string;
  description?: string;
  tags?: Record<string, string>;
  /** Network the instance lives in (self: an inventory label; RED-NET-006). */
  networkLabel?: string;
  /** Zone of the primary and of each replica host (self: inventory labels; RED-AVL-002). */
  zone?: string;
  replicaZones?: string[];
}
