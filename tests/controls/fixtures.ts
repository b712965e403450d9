// Fixture facts for control tests: one hardened self-hosted primary (every implemented control
// passes on it with `hardenedContext()`), changed by small edits per test. No servers.

import type { Collected, CollectedMissing, CollectionOutcome, KeyspaceAudit } from '@/lib/facts/common';
import {
  DRYRUN_COMMANDS,
  HIGH_RISK_COMMANDS,
  type AclDryRunEntry,
  type AclUser,
  type DryRunCommand,
  type SelfConfigParam,
  type SelfHostedFacts,
} from '@/lib/facts/self-hosted';
import { controlDefinition } from '@/lib/controls/registry';
import type { EvaluationContext, FactsSnapshot } from '@/lib/controls/context';
import { parseThresholds, type Thresholds, type ThresholdsInput } from '@/lib/controls/thresholds';
import type { ControlRecords, ControlResult } from '@/lib/controls/types';
import { passingRecordExtras } from './prc-fixtures';

export const NOW = new Date('2026-06-01T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const iso = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

export function ok<T>(value: T, source = 'fixture'): Collected<T> {
  return { ok: true, value, source };
}

export function missing(outcome: CollectionOutcome, reason = `fixture ${outcome}`, source = 'fixture'): CollectedMissing {
  return { ok: false, outcome, reason, source };
}

function user(name: string, rule: Partial<AclUser> & { commands: string }): AclUser {
  return {
    name,
    enabled: true,
    nopass: false,
    flags: ['on'],
    passwords: { count: 1, fingerprints: [`fp-${name}`] },
    keyPatterns: [],
    channelPatterns: [],
    categories: { allowed: [], denied: [] },
    commandRules: { allowed: [], denied: [] },
    allCommands: false,
    allKeys: false,
    selectors: [],
    rule: `user ${name} on #fp:fp-${name} ${rule.commands}`,
    ...rule,
  };
}

export const USERS = {
  default: () =>
    user('default', { enabled: false, nopass: true, flags: ['off', 'nopass'], passwords: { count: 0, fingerprints: [] }, commands: '-@all' }),
  app: () =>
    user('app', {
      keyPatterns: ['~app:*'],
      commands: '-@all +@read +@write -@dangerous',
      categories: { allowed: ['read', 'write'], denied: ['all', 'dangerous'] },
    }),
  repl: () => user('repl', { commands: '-@all +psync +replconf +ping', commandRules: { allowed: ['psync', 'replconf', 'ping'], denied: [] } }),
  scanner: () =>
    user('scanner', {
      keyPatterns: ['%R~*'],
      commands: '-@all +info +scan +pttl +type +acl|dryrun',
      commandRules: { allowed: ['info', 'scan', 'pttl', 'type', 'acl|dryrun'], denied: [] },
    }),
  admin: () =>
    user('admin', { keyPatterns: ['~*'], commands: '+@all', categories: { allowed: ['all'], denied: [] }, allCommands: true, allKeys: true }),
};

/** ACL DRYRUN results: `allowed` lists the commands a user may run; the rest are denied on the command. */
export function dryRunFor(name: string, allowed: readonly DryRunCommand[], deniedOnKey: readonly DryRunCommand[] = []): AclDryRunEntry[] {
  return (Object.keys(DRYRUN_COMMANDS) as DryRunCommand[]).map((command) => {
    if (allowed.includes(command)) return { user: name, command, verdict: 'allowed', detail: 'OK', deniedOn: null };
    const onKey = deniedOnKey.includes(command);
    return {
      user: name,
      command,
      verdict: 'denied',
      detail: `User ${name} has no permissions to ${onKey ? 'access one of the keys' : 'run the command'}`,
      deniedOn: onKey ? 'key' : 'command',
    };
  });
}

const ALL_DRYRUN = Object.keys(DRYRUN_COMMANDS) as DryRunCommand[];

function keyspaceAudit(): KeyspaceAudit {
  const histogram = { none: 0, le60s: 10, le300s: 40, le1800s: 50, le3600s: 0, le86400s: 0, gt86400s: 0 };
  const cls = (name: string, ttlRequired: boolean, maxTtlSeconds: number | null, phiAdjacent: boolean, keys: number) => ({
    name,
    ttlRequired,
    maxTtlSeconds,
    phiAdjacent,
    keys,
    keysWithoutTtl: 0,
    keysOverMaxTtl: 0,
    maxTtlSeenSeconds: maxTtlSeconds,
    ttlHistogram: histogram,
    topPatterns: [{ pattern: `${name}:{token}`, count: keys }],
    topPatternsWithoutTtl: [],
    topPatternsOverMaxTtl: [],
  });
  return {
    targetRole: 'replica',
    targetNote: null,
    coverage: 'complete',
    coverageReason: null,
    coveredFraction: 1,
    databases: [{ db: 0, dbsize: 100, keysScanned: 100 }],
    keysScanned: 100,
    commandsSent: { scan: 1, pttl: 100, type: 100, getrange: 10 },
    durationMs: 40,
    classes: [cls('session', true, 1800, true, 60), cls('phi_cache', true, 300, true, 38), cls('rate_limit', true, 3600, true, 0)],
    unclassified: { keys: 2, topPatterns: [{ pattern: 'misc:{n}', count: 2 }] },
    keyNameHits: [],
    values: {
      enabled: true,
      sampled: 20,
      hits: [],
      phiCache: { sampled: 10, ciphertextLike: 10, plaintextLike: 0, undetermined: 0 },
    },
  };
}

const CONFIG: Partial<Record<SelfConfigParam, string>> = {
  bind: '10.0.1.5 127.0.0.1',
  'protected-mode': 'yes',
  port: '0',
  'tls-port': '6380',
  'tls-protocols': 'TLSv1.2 TLSv1.3',
  'tls-ciphers': 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256',
  'tls-ciphersuites': '',
  'tls-prefer-server-ciphers': 'yes',
  'tls-auth-clients': 'yes',
  'tls-replication': 'yes',
  'tls-cluster': 'no',
  'tls-cert-file': '/etc/redis/tls/server.crt',
  'tls-key-file': '/etc/redis/tls/server.key',
  'cluster-enabled': 'no',
  masteruser: '',
  appendonly: 'yes',
  appendfsync: 'everysec',
  appenddirname: 'appendonlydir',
  dir: '/var/lib/redis',
  dbfilename: 'dump.rdb',
  save: '3600 1 300 100 60 10000',
  'stop-writes-on-bgsave-error': 'yes',
  timeout: '900',
  'tcp-keepalive': '300',
  loglevel: 'notice',
  logfile: '/var/log/redis/redis.log',
  'syslog-enabled': 'yes',
  aclfile: '/etc/redis/users.acl',
  'acllog-max-len': '128',
  'slowlog-log-slower-than': '10000',
  'slowlog-max-len': '128',
  'latency-monitor-threshold': '100',
  'enable-debug-command': 'no',
  maxmemory: '10000000',
  'maxmemory-policy': 'noeviction',
};

/** A hardened primary with one replica, TLS only, named ACL users, AOF + RDB, complete audit. */
export function hardenedFacts(edit?: (facts: SelfHostedFacts) => void): SelfHostedFacts {
  const facts: SelfHostedFacts = {
    platform: 'self',
    schemaVersion: 1,
    meta: {
      target: 'rediss://10.0.1.5:6380',
      host: '10.0.1.5',
      port: 6380,
      tls: true,
      scannerUser: 'scanner',
      caConfigured: true,
      clientCertConfigured: true,
      collectedAt: iso(-MINUTE),
      finishedAt: iso(-MINUTE / 2),
      probe: { name: 'redis-compliance', version: 'test' },
      resolvedAddresses: ok(['10.0.1.5']),
      commandsSent: { auth: 1, hello: 1, info: 1, 'config|get': 1, 'acl|list': 1, 'acl|getuser': 5, 'acl|dryrun': 56, 'client|list': 1, time: 1, role: 1 },
      commandsBlocked: [],
      probeClockSynchronized: ok(true),
    },
    connection: {
      scannerAuth: ok({ authenticated: true, method: 'password', user: 'scanner' }),
      unauthenticatedPing: ok({ reply: 'NOAUTH', detail: '-NOAUTH Authentication required.', transport: 'tls' }),
    },
    server: ok({
      engine: 'redis',
      version: '7.0.15',
      major: 7,
      minor: 0,
      patch: 15,
      redisVersion: '7.0.15',
      mode: 'standalone',
      os: 'Linux 6.1.0 x86_64',
      uptimeSeconds: 30 * 86_400,
      serverTimeUsec: NOW.getTime() * 1000,
    }),
    info: ok({
      server: { redis_version: '7.0.15', redis_mode: 'standalone', uptime_in_seconds: String(30 * 86_400) },
      memory: { used_memory: '1000000', maxmemory: '10000000', total_system_memory: '8000000000' },
      stats: { expired_keys: '5000', evicted_keys: '0', total_commands_processed: '100000' },
      replication: { role: 'master', connected_slaves: '1', master_replid: 'a'.repeat(40) },
      keyspace: { db0: 'keys=100,expires=98,avg_ttl=600000' },
    }),
    commandStats: ok({
      get: { calls: 50_000, usec: 1, rejectedCalls: 0, failedCalls: 0 },
      set: { calls: 40_000, usec: 1, rejectedCalls: 0, failedCalls: 0 },
      del: { calls: 3_000, usec: 1, rejectedCalls: 0, failedCalls: 0 },
    }),
    config: ok({
      values: { ...CONFIG },
      secrets: {
        requirepass: { set: false, fingerprint: null },
        masterauth: { set: false, fingerprint: null },
        'tls-key-file-pass': { set: false, fingerprint: null },
        'tls-client-key-file-pass': { set: false, fingerprint: null },
      },
    }),
    acl: {
      users: ok([USERS.default(), USERS.app(), USERS.repl(), USERS.scanner(), USERS.admin()]),
      dryRun: ok([
        ...dryRunFor('app', ['GET'], ['SET']),
        ...dryRunFor('repl', []),
        ...dryRunFor('scanner', ['INFO', 'CONFIG GET', 'GET'], ['SET']).map((e) =>
          e.command === 'SET' ? { ...e, deniedOn: 'command' as const } : e,
        ),
        ...dryRunFor('admin', ALL_DRYRUN),
      ]),
      log: ok({ entries: [], countsByReason: {}, countsByContext: {}, countsByUser: {} }),
    },
    slowlog: ok({ length: 0 }),
    role: ok({
      role: 'master',
      replicas: [{ ip: '10.0.1.6', port: 6380, state: 'online', offset: 1000, lagSeconds: 0 }],
      master: null,
    }),
    persistence: ok({
      rdbLastBgsaveStatus: 'ok',
      rdbLastSaveTime: Math.floor((NOW.getTime() - HOUR) / 1000),
      rdbChangesSinceLastSave: 10,
      rdbBgsaveInProgress: false,
      aofEnabled: true,
      aofLastWriteStatus: 'ok',
      aofLastBgrewriteStatus: 'ok',
      aofRewriteInProgress: false,
    }),
    commands: ok(
      Object.fromEntries(
        HIGH_RISK_COMMANDS.map((c) => [c, c === 'FLUSHALL' || c === 'FLUSHDB' ? 'missing' : 'present']),
      ) as Record<(typeof HIGH_RISK_COMMANDS)[number], 'present' | 'missing'>,
    ),
    clock: ok({ serverTimeMs: NOW.getTime() + 120, probeTimeMs: NOW.getTime(), skewMs: 120, roundTripMs: 2 }),
    clients: ok([
      { addr: '10.0.2.15:51000', user: 'app', flags: 'N', self: false },
      { addr: '10.0.1.6:40012', user: 'repl', flags: 'S', self: false },
      { addr: '203.0.113.50:6000', user: 'scanner', flags: 'N', self: true },
    ]),
    tls: {
      endpoint: { host: '10.0.1.5', port: 6380 },
      handshakes: {
        TLSv1: ok({ result: 'refused', negotiatedVersion: null, cipher: null, detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }),
        'TLSv1.1': ok({ result: 'refused', negotiatedVersion: null, cipher: null, detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }),
        'TLSv1.2': ok({
          result: 'accepted',
          negotiatedVersion: 'TLSv1.2',
          cipher: { name: 'ECDHE-RSA-AES256-GCM-SHA384', standardName: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' },
          detail: null,
        }),
        'TLSv1.3': ok({
          result: 'accepted',
          negotiatedVersion: 'TLSv1.3',
          cipher: { name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384' },
          detail: null,
        }),
      },
      legacyCipherOffer: ok({ result: 'refused', negotiatedVersion: null, cipher: null, detail: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' }),
      certificateChain: ok([
        {
          subject: 'CN=redis.prod.internal',
          issuer: 'CN=Prod Redis CA',
          serialNumber: '01',
          notBefore: iso(-60 * DAY),
          notAfter: iso(300 * DAY),
          keyType: 'EC',
          keyBits: 256,
          subjectAltNames: ['DNS:redis.prod.internal', 'IP Address:10.0.1.5'],
          fingerprint256: 'LEAF:PROD',
          isCA: false,
          selfSigned: false,
        },
        {
          subject: 'CN=Prod Redis CA',
          issuer: 'CN=Prod Redis CA',
          serialNumber: '00',
          notBefore: iso(-400 * DAY),
          notAfter: iso(3000 * DAY),
          keyType: 'EC',
          keyBits: 384,
          subjectAltNames: [],
          fingerprint256: 'CA:PROD',
          isCA: true,
          selfSigned: true,
        },
      ]),
      verification: ok({
        chainVerified: true,
        chainError: null,
        hostname: '10.0.1.5',
        hostnameMatches: true,
        hostnameError: null,
        caFingerprints256: ['CA:PROD'],
      }),
      clientCertRequired: ok({ required: true, detail: 'alert certificate required' }),
    },
    plaintext: ok([{ port: 6380, listener: 'target', answered: false, reply: 'NO_REPLY', detail: 'connection reset' }]),
    keyspace: ok(keyspaceAudit()),
    sentinel: ok({
      name: 'prod-sessions',
      sentinelsAnswered: 3,
      quorum: 2,
      knownSentinels: 3,
      replicas: 1,
      flags: ['master'],
      monitorsThisPrimary: true,
    }),
  };
  edit?.(facts);
  return facts;
}

/** Mutable CONFIG values of a fixture (throws if CONFIG was made missing). */
export function configOf(facts: SelfHostedFacts) {
  if (!facts.config.ok) throw new Error('fixture CONFIG is missing');
  return facts.config.value.values;
}

/** The same instance one hour earlier (the MON-* baseline). */
export function previousFacts(edit?: (facts: SelfHostedFacts) => void): SelfHostedFacts {
  return hardenedFacts((f) => {
    f.meta.collectedAt = iso(-HOUR - MINUTE);
    f.meta.finishedAt = iso(-HOUR - MINUTE / 2);
    if (f.server.ok) f.server.value.uptimeSeconds = 30 * 86_400 - 3600;
    if (f.commandStats.ok) f.commandStats.value.del.calls = 2_900;
    if (f.info.ok) f.info.value.stats.expired_keys = '4900';
    edit?.(f);
  });
}

export function hardenedRecords(): ControlRecords {
  return {
    attestations: [
      {
        id: 'hh-1',
        kind: 'host_hardening',
        scope: { hosts: ['10.0.1.5'] },
        approvedAt: iso(-30 * DAY),
        expiresAt: null,
        claims: {
          diskEncryption: true,
          egressRestricted: true,
          egressDestinations: ['ntp', 'kms', 'backup'],
          dataDirPermissions: true,
          privateKeysNotShared: true,
          shellRestricted: true,
          logRotation: true,
          networkPolicy: true,
        },
      },
      {
        id: 'lr-1',
        kind: 'log_retention',
        scope: { org: true },
        approvedAt: iso(-30 * DAY),
        expiresAt: null,
        claims: {
          onlineDays: 90,
          archiveDays: 400,
          archiveLocation: 's3://logs-archive',
          integrityMechanism: 'S3 Object Lock (compliance mode)',
          rotationAutomated: true,
          coverageReviewed: true,
          shippingDestination: 'syslog → central SIEM',
        },
      },
      {
        id: 'ar-1',
        kind: 'alert_routing',
        scope: { org: true },
        approvedAt: iso(-30 * DAY),
        expiresAt: null,
        claims: { events: ['auth failures', 'unknown networks', 'deletion spikes'], channel: 'pager: redis-oncall' },
      },
    ],
    backupCopies: [
      {
        id: 'bc-1',
        createdAt: iso(-2 * HOUR),
        encrypted: true,
        keyRef: 'arn:aws:kms:eu-west-1:111122223333:key/backup',
        keyOnRedisHost: false,
        destinationAccount: '444455556666',
        sourceAccount: 'prod-datacenter',
      },
    ],
    changes: [],
    acknowledgements: [],
    alertNotificationsEnabled: false,
    lastCompleteSnapshotAt: iso(-HOUR),
    ...passingRecordExtras(),
  };
}

export function thresholds(input: ThresholdsInput = {}): Thresholds {
  const parsed = parseThresholds({ adminUsers: ['admin'], scannerUser: 'scanner', ...input });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.thresholds;
}

/** Context in which every implemented control passes on `hardenedFacts()`. */
export function hardenedContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    thresholds: thresholds(),
    now: NOW,
    previousFacts: previousFacts(),
    records: hardenedRecords(),
    instance: {
      id: 'redis-prod-1',
      environment: 'production',
      classification: 'PHI',
      description: 'Patient portal sessions',
      networkLabel: 'prod-vpc',
      zone: 'zone-a',
      replicaZones: ['zone-b'],
      tags: { 'hosting-provider': 'Example Colocation' },
    },
    fleet: [
      {
        instanceId: 'redis-staging-1',
        instance: { id: 'redis-staging-1', environment: 'staging', networkLabel: 'staging-vpc' },
        facts: hardenedFacts((f) => {
          if (f.acl.users.ok) for (const u of f.acl.users.value) u.passwords.fingerprints = u.passwords.fingerprints.map((p) => `${p}-staging`);
          if (f.tls.certificateChain.ok) f.tls.certificateChain.value[1].fingerprint256 = 'CA:STAGING';
          if (f.tls.verification.ok) f.tls.verification.value.caFingerprints256 = ['CA:STAGING'];
        }),
      },
    ],
    ...overrides,
  };
}

export function evaluate(controlId: string, facts: SelfHostedFacts, ctx: EvaluationContext = hardenedContext()): ControlResult {
  const definition = controlDefinition(controlId);
  if (!definition) throw new Error(`no evaluator for ${controlId}`);
  return definition.evaluate(facts, ctx);
}

/** A snapshot known to be self-hosted (fleet members and previous snapshots may be of any platform). */
export function asSelf(facts: FactsSnapshot | undefined): SelfHostedFacts {
  if (facts?.platform !== 'self') throw new Error('expected a self-hosted snapshot');
  return facts;
}
