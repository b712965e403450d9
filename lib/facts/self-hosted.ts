// The facts snapshot of one self-hosted Redis/Valkey endpoint (platform `self`). Produced by
// lib/probe/redis (which collects and decides nothing), read by lib/controls (which decide and do no
// I/O), stored as evidence. Fields may be added, never renamed. Secrets appear only as
// SecretFingerprint; key names only as normalized patterns; no values.

import type { Collected, KeyspaceAudit, ProbeInfo, SecretFingerprint } from './common';

/** Parameters the probe asks for with `CONFIG GET` (catalog §1.6). Nothing else is requested. */
export const SELF_CONFIG_PARAMS = [
  'bind',
  'protected-mode',
  'port',
  'tls-port',
  'tls-protocols',
  'tls-ciphers',
  'tls-ciphersuites',
  'tls-prefer-server-ciphers',
  'tls-auth-clients',
  'tls-replication',
  'tls-cluster',
  'tls-cert-file',
  'tls-key-file',
  'cluster-enabled',
  'masteruser',
  'appendonly',
  'appendfsync',
  'appenddirname',
  'dir',
  'dbfilename',
  'save',
  'stop-writes-on-bgsave-error',
  'timeout',
  'tcp-keepalive',
  'loglevel',
  'logfile',
  'syslog-enabled',
  'aclfile',
  'acllog-max-len',
  'slowlog-log-slower-than',
  'slowlog-max-len',
  'latency-monitor-threshold',
  'enable-debug-command',
  'maxmemory',
  'maxmemory-policy',
] as const;
export type SelfConfigParam = (typeof SELF_CONFIG_PARAMS)[number];

/** Secret-bearing parameters: read, then immediately reduced to `{ set, fingerprint }`. */
export const SELF_SECRET_CONFIG_PARAMS = [
  'requirepass',
  'masterauth',
  'tls-key-file-pass',
  'tls-client-key-file-pass',
] as const;
export type SelfSecretConfigParam = (typeof SELF_SECRET_CONFIG_PARAMS)[number];

/**
 * Commands whose availability is checked with `COMMAND INFO` (CFG-006 and friends). A command that
 * is renamed or disabled (`rename-command X ""`) answers nil under its original name.
 */
export const HIGH_RISK_COMMANDS = [
  'FLUSHALL',
  'FLUSHDB',
  'DEBUG',
  'CONFIG',
  'SHUTDOWN',
  'KEYS',
  'MONITOR',
  'MODULE',
  'REPLICAOF',
  'SLAVEOF',
  'MIGRATE',
  'SAVE',
  'BGSAVE',
  'BGREWRITEAOF',
  'SYNC',
  'PSYNC',
  'EVAL',
  'SCRIPT',
  'FUNCTION',
  'ACL',
  'CLUSTER',
] as const;
export type HighRiskCommand = (typeof HIGH_RISK_COMMANDS)[number];

/**
 * Commands each enabled ACL user is tested against with `ACL DRYRUN` (never executed), keyed by a
 * label. ACL-003 reads the admin/destructive ones; DATA-007 reads `SET` (scanner must not write).
 */
export const DRYRUN_COMMANDS = {
  FLUSHALL: ['FLUSHALL'],
  FLUSHDB: ['FLUSHDB'],
  DEBUG: ['DEBUG', 'SLEEP', '0'],
  SHUTDOWN: ['SHUTDOWN'],
  'CONFIG SET': ['CONFIG', 'SET', 'maxmemory', '0'],
  'CONFIG GET': ['CONFIG', 'GET', 'maxmemory'],
  'ACL SETUSER': ['ACL', 'SETUSER', 'dryrun-probe'],
  'MODULE LOAD': ['MODULE', 'LOAD', '/nonexistent.so'],
  REPLICAOF: ['REPLICAOF', 'NO', 'ONE'],
  MIGRATE: ['MIGRATE', '127.0.0.1', '1', 'dryrun-probe', '0', '1'],
  KEYS: ['KEYS', '*'],
  SET: ['SET', 'dryrun-probe', 'v'],
  GET: ['GET', 'dryrun-probe'],
  INFO: ['INFO'],
} as const satisfies Record<string, readonly string[]>;
export type DryRunCommand = keyof typeof DRYRUN_COMMANDS;

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

// ---------------------------------------------------------------------------------------------

export interface SelfHostedMeta {
  /** The endpoint with credentials removed, e.g. `rediss://10.0.1.5:6380`. */
  target: string;
  host: string;
  port: number;
  /** Scheme of the target: `rediss://` → true. */
  tls: boolean;
  /** ACL user the scanner logged in as (null = `default` / requirepass or no credentials). */
  scannerUser: string | null;
  /** Whether a CA file/PEM was configured for this target (TLS-007 needs one). */
  caConfigured: boolean;
  /** Whether a client certificate was configured (mTLS). */
  clientCertConfigured: boolean;
  /** ISO time the probe started / finished (probe clock). */
  collectedAt: string;
  finishedAt: string;
  probe: ProbeInfo;
  /** Addresses the host name resolved to (NET-001: all must be in the private ranges). */
  resolvedAddresses: Collected<string[]>;
  /** Every command the probe sent (verb, lower-case, with subcommand: `config|get`) and how often. */
  commandsSent: Record<string, number>;
  /** Commands the client-side allowlist refused to send (should always be empty). */
  commandsBlocked: string[];
  /** Whether the probe host reports its clock as NTP-synchronized (LOG-005). */
  probeClockSynchronized: Collected<boolean>;
}

/** Reply class of a `PING` sent without credentials. */
export type UnauthenticatedPingReply =
  | 'PONG' // no authentication required
  | 'NOAUTH' // authentication required
  | 'ERR' // another error reply (still a RESP reply: something answered)
  | 'NO_REPLY'; // connection closed / reset / timed out without a RESP reply

export interface UnauthenticatedPing {
  reply: UnauthenticatedPingReply;
  /** First line of the reply, truncated to 80 characters (no secrets can appear here). */
  detail: string;
  /** Transport used: the scanner's own (TLS with client cert when configured) or plain. */
  transport: 'tls' | 'plain';
}

export interface ScannerAuth {
  /** True when the scanner's connection is usable for commands. */
  authenticated: boolean;
  /** 'password' = AUTH was sent; 'none' = no credentials configured. */
  method: 'password' | 'none';
  user: string | null;
}

export interface ServerIdentity {
  /** `valkey` when `server_name:valkey`, else `redis`. */
  engine: 'redis' | 'valkey';
  /** `valkey_version` for Valkey (catalog §1.6), else `redis_version`. */
  version: string;
  major: number;
  minor: number;
  patch: number;
  /** Redis compatibility version reported by Valkey; same as version for Redis. */
  redisVersion: string;
  /** `standalone` | `cluster` | `sentinel`. */
  mode: string;
  os: string | null;
  uptimeSeconds: number | null;
  /** `INFO server` `server_time_usec`, fallback clock for LOG-005. */
  serverTimeUsec: number | null;
}

/** `INFO everything`, parsed: section (lower-case, e.g. `server`) → field → raw string value. */
export type InfoSections = Record<string, Record<string, string>>;

export interface CommandStat {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

export interface SelfHostedConfig {
  /** Values as returned by CONFIG GET. A name absent here was not returned (unknown on this version). */
  values: Partial<Record<SelfConfigParam, string>>;
  /** Secret-bearing parameters: only whether set and a fingerprint. */
  secrets: Partial<Record<SelfSecretConfigParam, SecretFingerprint>>;
}

export interface AclSelector {
  /** Command rules of the selector, e.g. `+@all -flushall`. */
  commands: string;
  keys: string[];
  channels: string[];
}

export interface AclUser {
  name: string;
  /** `on` flag present. */
  enabled: boolean;
  /** `nopass` flag present (any password accepted). */
  nopass: boolean;
  /** Raw ACL GETUSER flags: `on`, `off`, `nopass`, `skip-sanitize-payload`, … */
  flags: string[];
  /** Number of passwords and their fingerprints (HMAC of the `#<sha256>` hash, never the hash). */
  passwords: { count: number; fingerprints: string[] };
  /** Key patterns as ACL GETUSER prints them (`~app:*`, `%R~*`, `~*`). */
  keyPatterns: string[];
  /** Channel patterns (`&*`, `&notifications:*`). */
  channelPatterns: string[];
  /** The command rules string from ACL GETUSER, e.g. `-@all +get +set +@read -flushall`. */
  commands: string;
  /** Categories granted (`+@x`) and removed (`-@x`), in rule order, without the `@`. */
  categories: { allowed: string[]; denied: string[] };
  /** Individual commands (incl. `cmd|sub`) granted / removed, in rule order, lower-case. */
  commandRules: { allowed: string[]; denied: string[] };
  /** True when the command rules grant every command (`+@all` / `allcommands` not later reduced by a `-`). */
  allCommands: boolean;
  /** True when any key pattern is `~*` / `allkeys` / `%RW~*`. */
  allKeys: boolean;
  /** Redis 7 selectors (root permissions are above). */
  selectors: AclSelector[];
  /** The ACL LIST line for this user with every `#<hash>` replaced by `#fp:<fingerprint>`. */
  rule: string;
}

export interface AclDryRunEntry {
  user: string;
  command: DryRunCommand;
  /**
   * `allowed` (+OK), `denied` (permission error), `unknown_command` (the command does not exist
   * under that name: renamed/disabled), `error` (other error reply; see detail).
   */
  verdict: 'allowed' | 'denied' | 'unknown_command' | 'error';
  /** First line of the reply, truncated; key names never appear (the probe uses fixed dummy keys). */
  detail: string;
  /**
   * For `denied`: what the ACL refused — the command itself, or only the dummy key/channel the
   * probe used (the user may still run the command on its own keys).
   */
  deniedOn: 'command' | 'key' | 'channel' | null;
}

export interface AclLogEntrySummary {
  /** `auth` | `command` | `key` | `channel`. */
  reason: string;
  /** `toplevel` | `multi` | `lua` | `module`. */
  context: string;
  username: string;
  /** Object: the command name for `command`, a normalized key pattern for `key`, `{s}` otherwise. */
  object: string;
  count: number;
  ageSeconds: number;
  /** Client address `ip:port` from `client-info` (the rest of client-info is dropped). */
  clientAddr: string | null;
  /** Redis ≥ 7.2 only. */
  entryId: number | null;
  timestampCreatedMs: number | null;
  timestampLastUpdatedMs: number | null;
}

export interface AclLogSummary {
  /** Entries read (ACL LOG 128). */
  entries: AclLogEntrySummary[];
  countsByReason: Record<string, number>;
  countsByContext: Record<string, number>;
  countsByUser: Record<string, number>;
}

export interface ReplicaInfo {
  ip: string;
  port: number;
  /** `online`, `wait_bgsave`, … (from INFO replication; null when only ROLE was read). */
  state: string | null;
  offset: number;
  lagSeconds: number | null;
}

export interface RoleFacts {
  role: 'master' | 'slave' | 'sentinel';
  /** For a master: its replicas. */
  replicas: ReplicaInfo[];
  /** For a replica: its master. */
  master: { host: string; port: number; linkState: string } | null;
}

export interface PersistenceFacts {
  rdbLastBgsaveStatus: string | null;
  /** Unix seconds. */
  rdbLastSaveTime: number | null;
  rdbChangesSinceLastSave: number | null;
  rdbBgsaveInProgress: boolean;
  aofEnabled: boolean;
  aofLastWriteStatus: string | null;
  aofLastBgrewriteStatus: string | null;
  aofRewriteInProgress: boolean;
}

export interface ClockFacts {
  /** Server time from `TIME`, ms since epoch. */
  serverTimeMs: number;
  /** Probe clock at the midpoint of the round trip, ms since epoch. */
  probeTimeMs: number;
  /** serverTimeMs - probeTimeMs. */
  skewMs: number;
  roundTripMs: number;
}

export interface ClientSummary {
  /** `ip:port` of the client. */
  addr: string;
  user: string;
  /** CLIENT LIST flags (`N` normal, `S` replica link, `M` master, …). */
  flags: string;
  /** The probe's own connection (the one running CLIENT LIST). */
  self: boolean;
}

export interface SlowlogFacts {
  length: number;
}

// --- TLS ---------------------------------------------------------------------------------------

export interface TlsHandshakeResult {
  /**
   * `accepted`: the handshake completed at exactly this version.
   * `refused`: the server refused it (alert / reset / wrong version).
   * `not_tested`: the probe's own TLS library could not offer this version (never read as refused).
   */
  result: 'accepted' | 'refused' | 'not_tested';
  negotiatedVersion: string | null;
  /** Negotiated cipher (OpenSSL name and IANA standard name). */
  cipher: { name: string; standardName: string | null } | null;
  /** Error code/message when not accepted (e.g. `ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION`). */
  detail: string | null;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** ISO-8601. */
  notBefore: string;
  notAfter: string;
  /** `RSA` | `EC` | `Ed25519` | … */
  keyType: string | null;
  keyBits: number | null;
  /** Subject alternative names as printed (`DNS:redis.local`, `IP Address:127.0.0.1`). */
  subjectAltNames: string[];
  fingerprint256: string;
  isCA: boolean;
  selfSigned: boolean;
}

export interface TlsVerification {
  /** Chain verified against the configured CA (expiry included). */
  chainVerified: boolean;
  /** OpenSSL/Node code when not verified, e.g. `CERT_HAS_EXPIRED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  chainError: string | null;
  /** Host name checked against the leaf's SAN/CN (the target host). */
  hostname: string;
  hostnameMatches: boolean;
  hostnameError: string | null;
  /** SHA-256 fingerprint of the configured CA certificate(s) (NET-006: CA shared between envs). */
  caFingerprints256: string[];
}

export interface PlaintextProbe {
  port: number;
  /** Why this port was probed: the target port, CONFIG `port`, CONFIG `tls-port`. */
  listener: 'target' | 'port' | 'tls-port';
  /** A RESP reply came back to a plain `PING` (any of +PONG, -NOAUTH, -ERR). */
  answered: boolean;
  /** Reply class; `NO_REPLY` when closed, refused or silent. */
  reply: UnauthenticatedPingReply;
  detail: string;
}

export interface TlsFacts {
  /** The TLS listener that was probed (URL port for rediss://, else CONFIG tls-port); null if none known. */
  endpoint: { host: string; port: number } | null;
  /** One handshake per version with minVersion = maxVersion and `DEFAULT:@SECLEVEL=0` ciphers. */
  handshakes: Record<TlsVersion, Collected<TlsHandshakeResult>>;
  /** A TLS 1.2 handshake offering only legacy suites (CBC, static RSA, 3DES, RC4) — TLS-004. */
  legacyCipherOffer: Collected<TlsHandshakeResult>;
  /** Leaf first, as presented by the server (plus the issuer when it is known). */
  certificateChain: Collected<CertificateInfo[]>;
  /** Verification against the configured CA; not_collected without a CA. */
  verification: Collected<TlsVerification>;
  /** Handshake (and a PING) without a client certificate: `required` when the server refused it. */
  clientCertRequired: Collected<{ required: boolean; detail: string }>;
}

// --- the snapshot ------------------------------------------------------------------------------

export interface SelfHostedFacts {
  platform: 'self';
  /** Bumped only for incompatible changes (which should never happen: add, never rename). */
  schemaVersion: 1;
  meta: SelfHostedMeta;
  connection: {
    /** Did the scanner's credentials work? `noauth` when refused, `refused`/`timeout` when unreachable. */
    scannerAuth: Collected<ScannerAuth>;
    /** PING without credentials on the target endpoint (AUTH-001: unauthenticated success is evidence). */
    unauthenticatedPing: Collected<UnauthenticatedPing>;
  };
  /** Engine identity from `INFO server`. */
  server: Collected<ServerIdentity>;
  /** `INFO everything`, every section parsed. */
  info: Collected<InfoSections>;
  /** `INFO commandstats` parsed (command → counters); MON-003, read-only proof. */
  commandStats: Collected<Record<string, CommandStat>>;
  /** `CONFIG GET` of SELF_CONFIG_PARAMS + SELF_SECRET_CONFIG_PARAMS. */
  config: Collected<SelfHostedConfig>;
  acl: {
    /** `ACL LIST` + `ACL GETUSER` per user. */
    users: Collected<AclUser[]>;
    /** `ACL DRYRUN <user> …` for each enabled user × DRYRUN_COMMANDS (Redis ≥ 7.0). */
    dryRun: Collected<AclDryRunEntry[]>;
    /** `ACL LOG 128`, reduced. */
    log: Collected<AclLogSummary>;
  };
  /** `SLOWLOG LEN` (entries are never read: their arguments can carry values). */
  slowlog: Collected<SlowlogFacts>;
  /** `ROLE` plus `INFO replication` details. */
  role: Collected<RoleFacts>;
  /** From `INFO persistence`. */
  persistence: Collected<PersistenceFacts>;
  /** `COMMAND INFO` of HIGH_RISK_COMMANDS: present under its own name, or missing (renamed/disabled). */
  commands: Collected<Record<HighRiskCommand, 'present' | 'missing'>>;
  /** `TIME` vs the probe clock. */
  clock: Collected<ClockFacts>;
  /** `CLIENT LIST` reduced to address, user, flags. */
  clients: Collected<ClientSummary[]>;
  tls: TlsFacts;
  /** Plain `PING` to each known listener (target port, CONFIG port, CONFIG tls-port). */
  plaintext: Collected<PlaintextProbe[]>;
  /** Keyspace audit (catalog §5); `disabled` unless requested. */
  keyspace: Collected<KeyspaceAudit>;
  // Fields requested by the controls engineer go below, each marked `// requested by controls`.
  /** `SENTINEL MASTER <name>` on the inventory's Sentinel endpoints (RED-AVL-001); absent when none are configured. */
  sentinel?: Collected<SentinelMasterFacts>; // requested by controls
}

/** What the Sentinels say about this primary (RED-AVL-001). */ // requested by controls
export interface SentinelMasterFacts {
  /** Master name the Sentinels monitor. */
  name: string;
  /** Sentinel endpoints that answered `SENTINEL MASTER`. */
  sentinelsAnswered: number;
  /** `quorum` field. */
  quorum: number;
  /** `num-other-sentinels` + 1 (the answering Sentinel). */
  knownSentinels: number;
  /** `num-slaves` field. */
  replicas: number;
  /** `flags` field split on commas, e.g. `master`, `s_down`, `o_down`. */
  flags: string[];
  /** The monitored master's address matches this endpoint (host:port or a resolved address). */
  monitorsThisPrimary: boolean;
}
