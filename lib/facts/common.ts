// Building blocks shared by every platform's facts snapshot. A snapshot is stored evidence: every
// fact says how it was obtained (`source`) or why it is missing (`outcome` + `reason`), so a control
// can turn a missing fact into `error` / `not_assessable` (catalog §1.2) instead of guessing.

/**
 * Why a fact is missing. Mapping to statuses (catalog §1.2), applied by the controls:
 * - `noperm`, `noauth`, `unknown_command`, `disabled`, `not_collected` → not_assessable
 * - `refused`, `timeout`, `tls_error`, `unparseable` → error
 */
export const COLLECTION_OUTCOMES = [
  'refused', // connection refused / reset / network error
  'timeout', // no answer within the per-step or per-target timeout
  'noperm', // Redis NOPERM, cloud AccessDenied / PERMISSION_DENIED
  'noauth', // scanner credentials rejected (NOAUTH / WRONGPASS) or none given where needed
  'unknown_command', // command renamed, disabled or blocked by the platform
  'tls_error', // TLS failure unrelated to the fact itself (e.g. handshake failed before the command)
  'unparseable', // a reply arrived but could not be understood
  'not_collected', // the probe did not try (no path, no CA configured, not applicable to this engine)
  'disabled', // switched off by configuration (e.g. keyspace audit not enabled)
] as const;
export type CollectionOutcome = (typeof COLLECTION_OUTCOMES)[number];

export interface CollectedOk<T> {
  ok: true;
  value: T;
  /** How the value was obtained, e.g. "CONFIG GET tls-port", "tls handshake 127.0.0.1:6380 TLSv1.2". */
  source: string;
}

export interface CollectedMissing {
  ok: false;
  outcome: CollectionOutcome;
  /** Human-readable, redacted (never a secret, never a key name or value). */
  reason: string;
  source: string;
}

/** One fact: its value with its source, or the reason it is missing. */
export type Collected<T> = CollectedOk<T> | CollectedMissing;

/**
 * A secret seen by the probe, reduced to whether it is set and a keyed fingerprint
 * (HMAC-SHA256(app secret, value), hex). Stable for change detection and cross-instance
 * comparison (RED-NET-006, RED-ROT-002), useless for cracking. `fingerprint` is null when unset.
 */
export interface SecretFingerprint {
  set: boolean;
  fingerprint: string | null;
}

/** Identity of the probe that produced a snapshot. */
export interface ProbeInfo {
  name: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// Keyspace audit (catalog §5). Shared by every platform that has a data plane. Only counts,
// normalized key patterns (§5.3: `patient:{ssn}:labs`) and masked excerpts — never a raw key name,
// never a raw value, never a hash of an identifier.

export type PhiDetector = 'ssn' | 'mrn' | 'dob' | 'email' | 'phone' | 'card' | 'field_name_hint';

export interface TtlHistogram {
  /** Keys without expiry (PTTL = -1). */
  none: number;
  le60s: number;
  le300s: number;
  le1800s: number;
  le3600s: number;
  le86400s: number;
  gt86400s: number;
}

export interface PatternCount {
  /** Normalized key pattern (§5.3), never a raw key name. */
  pattern: string;
  count: number;
}

export interface KeyClassAudit {
  /** Class name from the key-class policy (`session`, `phi_cache`, …). */
  name: string;
  ttlRequired: boolean;
  maxTtlSeconds: number | null;
  phiAdjacent: boolean;
  keys: number;
  /** Keys with no expiry (counted whatever `ttlRequired` says; the control decides). */
  keysWithoutTtl: number;
  /** Keys whose TTL exceeds `maxTtlSeconds` (0 when no maximum). */
  keysOverMaxTtl: number;
  /** Largest TTL seen, in seconds (null when no key had one). */
  maxTtlSeenSeconds: number | null;
  ttlHistogram: TtlHistogram;
  /** Top normalized patterns of this class (most frequent first, capped). */
  topPatterns: PatternCount[];
  /** Top patterns among the keys without TTL. */
  topPatternsWithoutTtl: PatternCount[];
  /** Top patterns among the keys over the maximum TTL. */
  topPatternsOverMaxTtl: PatternCount[];
  /**
   * Whether TTLs were read for this class: always true now. Snapshots taken before 2026-11-30 say
   * false for classes without a TTL rule, whose TTLs the audit then skipped (their TTL figures are 0).
   */
  ttlChecked?: boolean;
}

export interface DetectorHit {
  detector: PhiDetector;
  /** Key class (or `unclassified`). */
  keyClass: string;
  pattern: string;
  count: number;
  /** Masked excerpts (§5.3), ≤ 120 characters each, a few per pattern. Empty for key-name hits. */
  excerpts: string[];
}

export interface KeyspaceAudit {
  /** Which node was read: the catalog prefers a replica. */
  targetRole: 'master' | 'replica';
  /** Why the primary was used, when it was. */
  targetNote: string | null;
  coverage: 'complete' | 'partial' | 'aborted';
  /** Why coverage is not complete (time budget, key cap, error). */
  coverageReason: string | null;
  /** keys scanned / DBSIZE summed over databases (0..1). */
  coveredFraction: number;
  databases: { db: number; dbsize: number; keysScanned: number }[];
  keysScanned: number;
  /** Verbs the audit sent and how often (DATA-007: only allowlisted verbs). */
  commandsSent: Record<string, number>;
  durationMs: number;
  classes: KeyClassAudit[];
  /** Keys matching no class (their TTL is not read: no rule applies to it). */
  unclassified: {
    keys: number;
    topPatterns: PatternCount[];
    /** TTL figures of the keys no class matched (absent in snapshots taken before 2026-11-30). */
    keysWithoutTtl?: number;
    ttlHistogram?: TtlHistogram;
    topPatternsWithoutTtl?: PatternCount[];
  };
  /** PHI detectors run over every scanned key name (DATA-004). */
  keyNameHits: DetectorHit[];
  /** Value sampling (DATA-003, DATA-005). */
  values: {
    /** Whether value reading was enabled (reading values is an explicit opt-in). */
    enabled: boolean;
    sampled: number;
    hits: DetectorHit[];
    /** phi_cache values by shape (DATA-005). */
    phiCache: { sampled: number; ciphertextLike: number; plaintextLike: number; undetermined: number };
    /** Values sampled per key class (`unclassified` included). */
    sampledPerClass?: Record<string, number>;
  };
  /** The settings the audit ran with (policy source: `--config` thresholds, organisation or instance). */
  settings?: KeyspaceAuditSettings;
  /** Replica candidates tried before the primary was read (catalog §5.2 step 1). */
  replicas?: ReplicaCandidate[];
  /** Every command the audit sent, setup included (the rate limit counts these). */
  opsSent?: number;
}

export interface KeyspaceAuditSettings {
  /** Share of scanned keys whose values are sampled (0 = keys only). */
  sampleRate: number;
  sampleMax: number;
  /** Operations (commands) per second; 0 = unlimited. */
  maxOpsPerSec: number;
  timeBudgetSeconds: number;
  maxKeys: number | null;
  /** SCAN COUNT hint per batch. */
  scanCount: number;
}

export interface ReplicaCandidate {
  /** host:port (never credentials). */
  endpoint: string;
  /** Where the candidate came from: the inventory, or the primary's ROLE reply. */
  source: 'inventory' | 'role';
  /** not_in_sync: its link to the primary is down; other_primary: it follows another replication ID; unverified: INFO replication unreadable. */
  outcome: 'used' | 'unreachable' | 'not_a_replica' | 'not_in_sync' | 'other_primary' | 'unverified';
  reason: string | null;
}
