// Named server postures: what a redis.conf (and ACL file) looks like for each security stance the
// scanner must judge. Pure data builders — process handling lives in server.ts.

import { randomBytes } from 'node:crypto';
import type { Pki } from './pki';

export const POSTURES = [
  'hardened',
  'insecureDefaults',
  'legacyTls',
  'expiredCert',
  'weakAcl',
  'configRenamed',
  'configDenied',
  'phiProblems',
] as const;
export type PostureName = (typeof POSTURES)[number];

export type SandboxUserRole = 'admin' | 'scanner' | 'app' | 'replication' | 'other';

export interface SandboxUser {
  name: string;
  password: string;
  role: SandboxUserRole;
}

export interface PostureContext {
  dir: string;
  /** Plaintext listener port (used when the posture has one). */
  plainPort: number;
  /** TLS listener port (used when the posture has one). */
  tlsPort: number;
  pki: Pki | null;
}

export interface PostureSpec {
  /** redis.conf lines. */
  config: string[];
  /** ACL file content, when the posture uses named users. */
  aclFile: string | null;
  users: SandboxUser[];
  /** Which listeners are open. */
  plain: boolean;
  tls: boolean;
  /** The scanner connects with a client certificate. */
  clientCert: boolean;
  /** The server log goes to this file name inside dir (else stdout). */
  logFile: string | null;
  /** `rename-command` lines: original name → new name ('' = disabled). */
  renamedCommands: Record<string, string>;
}

/** What each posture needs before its config can be written. */
export const POSTURE_NEEDS: Record<PostureName, { tls: boolean; expiredCert: boolean }> = {
  hardened: { tls: true, expiredCert: false },
  insecureDefaults: { tls: false, expiredCert: false },
  legacyTls: { tls: true, expiredCert: false },
  expiredCert: { tls: true, expiredCert: true },
  weakAcl: { tls: false, expiredCert: false },
  configRenamed: { tls: false, expiredCert: false },
  configDenied: { tls: false, expiredCert: false },
  phiProblems: { tls: false, expiredCert: false },
};

/**
 * The minimal read-only scanner user (docs/scanner-acl.md): every command the probe sends, and
 * read-only key access for the keyspace audit. No write, no admin command.
 */
export const SCANNER_ACL_RULES =
  'resetkeys %R~* resetchannels -@all +hello +auth +ping +info +client|list +config|get ' +
  '+acl|list +acl|getuser +acl|log +acl|dryrun +command|info +time +role +slowlog|len ' +
  '+readonly +select +dbsize +scan +ttl +pttl +type +strlen +getrange +hscan +lrange ' +
  '+srandmember +zrange +xrange';

const MODERN_TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** High-risk commands the hardened posture disables (CFG-006). CONFIG stays: the scanner reads it. */
const HARDENED_RENAMES: Record<string, string> = { FLUSHALL: '', FLUSHDB: '', DEBUG: '', KEYS: '' };

function renameLines(renames: Record<string, string>): string[] {
  return Object.entries(renames).map(([from, to]) => `rename-command ${from} "${to}"`);
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

function user(name: string, role: SandboxUserRole): SandboxUser {
  return { name, password: secret(), role };
}

function aclLine(u: SandboxUser, rules: string): string {
  return `user ${u.name} on >${u.password} ${rules}`;
}

function base(ctx: PostureContext): string[] {
  // Loopback only, whatever the posture: an unauthenticated server must never face a network.
  // No diskless-sync delay: a sandbox replica should not wait 5 s for its first sync.
  return ['daemonize no', 'bind 127.0.0.1', `dir ${ctx.dir}`, 'shutdown-on-sigterm nosave force', 'repl-diskless-sync-delay 0'];
}

/** Cluster mode with its bus on `busPort` (the default, port + 10000, can lie above 65535). */
export function clusterConfig(busPort: number): string[] {
  return ['cluster-enabled yes', 'cluster-config-file nodes.conf', `cluster-port ${busPort}`, 'cluster-node-timeout 5000'];
}

function tlsFiles(ctx: PostureContext): string[] {
  if (!ctx.pki) throw new Error('this posture needs TLS certificates');
  return [
    `tls-port ${ctx.tlsPort}`,
    `tls-cert-file ${ctx.pki.serverCertFile}`,
    `tls-key-file ${ctx.pki.serverKeyFile}`,
    `tls-ca-cert-file ${ctx.pki.caFile}`,
  ];
}

function hardened(ctx: PostureContext): PostureSpec {
  const admin = user('admin', 'admin');
  const scanner = user('scanner', 'scanner');
  const app = user('app', 'app');
  const repl = user('repl', 'replication');
  return {
    config: [
      ...base(ctx),
      'protected-mode yes',
      'port 0',
      ...tlsFiles(ctx),
      'tls-auth-clients yes',
      'tls-protocols "TLSv1.2 TLSv1.3"',
      `tls-ciphers ${MODERN_TLS12_CIPHERS}`,
      'tls-ciphersuites TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
      'tls-prefer-server-ciphers yes',
      'tls-replication yes',
      `aclfile ${ctx.dir}/users.acl`,
      'masteruser repl',
      'appendonly yes',
      'appendfsync everysec',
      'save "3600 1 300 100 60 10000"',
      'stop-writes-on-bgsave-error yes',
      'timeout 300',
      'tcp-keepalive 300',
      'loglevel notice',
      `logfile ${ctx.dir}/redis.log`,
      'acllog-max-len 128',
      'slowlog-log-slower-than 10000',
      'slowlog-max-len 128',
      'latency-monitor-threshold 100',
      'enable-debug-command no',
      ...renameLines(HARDENED_RENAMES),
    ],
    aclFile: [
      'user default off resetpass -@all',
      aclLine(admin, '~* &* +@all'),
      aclLine(app, 'resetkeys ~app:* resetchannels -@all +@read +@write -@dangerous'),
      aclLine(repl, 'resetkeys resetchannels -@all +psync +replconf +ping'),
      aclLine(scanner, SCANNER_ACL_RULES),
    ].join('\n'),
    users: [scanner, admin, app, repl],
    plain: false,
    tls: true,
    clientCert: true,
    logFile: 'redis.log',
    renamedCommands: HARDENED_RENAMES,
  };
}

function insecureDefaults(ctx: PostureContext): PostureSpec {
  return {
    config: [...base(ctx), `port ${ctx.plainPort}`, 'protected-mode no'],
    aclFile: null,
    users: [],
    plain: true,
    tls: false,
    clientCert: false,
    logFile: null,
    renamedCommands: {},
  };
}

function legacyTls(ctx: PostureContext): PostureSpec {
  const admin = user('default', 'admin');
  return {
    config: [
      ...base(ctx),
      `port ${ctx.plainPort}`,
      ...tlsFiles(ctx),
      'tls-auth-clients no',
      'tls-protocols "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"',
      'tls-ciphers "DEFAULT:@SECLEVEL=0"',
      `requirepass ${admin.password}`,
    ],
    aclFile: null,
    users: [admin],
    plain: true,
    tls: true,
    clientCert: false,
    logFile: null,
    renamedCommands: {},
  };
}

function expiredCert(ctx: PostureContext): PostureSpec {
  const admin = user('default', 'admin');
  return {
    config: [
      ...base(ctx),
      'port 0',
      ...tlsFiles(ctx),
      'tls-auth-clients no',
      'tls-protocols "TLSv1.2 TLSv1.3"',
      `requirepass ${admin.password}`,
    ],
    aclFile: null,
    users: [admin],
    plain: false,
    tls: true,
    clientCert: false,
    logFile: null,
    renamedCommands: {},
  };
}

/** Plaintext server with a named scanner and admin; `extraAcl` adds the posture's own users. */
function plainWithAcl(
  ctx: PostureContext,
  options: { extraUsers?: [SandboxUser, string][]; scannerRules?: string; renames?: Record<string, string> } = {},
): PostureSpec {
  const admin = user('admin', 'admin');
  const scanner = user('scanner', 'scanner');
  const extra = options.extraUsers ?? [];
  return {
    config: [...base(ctx), `port ${ctx.plainPort}`, `aclfile ${ctx.dir}/users.acl`, ...renameLines(options.renames ?? {})],
    aclFile: [
      'user default off resetpass -@all',
      aclLine(admin, '~* &* +@all'),
      aclLine(scanner, options.scannerRules ?? SCANNER_ACL_RULES),
      ...extra.map(([u, rules]) => (rules.startsWith('nopass') ? `user ${u.name} on ${rules}` : aclLine(u, rules))),
    ].join('\n'),
    users: [scanner, admin, ...extra.map(([u]) => u)],
    plain: true,
    tls: false,
    clientCert: false,
    logFile: null,
    renamedCommands: options.renames ?? {},
  };
}

function weakAcl(ctx: PostureContext): PostureSpec {
  const nopassUser: SandboxUser = { name: 'metrics', password: '', role: 'other' };
  return plainWithAcl(ctx, {
    extraUsers: [
      [user('app', 'app'), '~* &* +@all'],
      [user('worker', 'app'), '~* +@read +@write +flushdb +flushall'],
      [nopassUser, 'nopass ~* +info +@read'],
    ],
  });
}

function configRenamed(ctx: PostureContext): PostureSpec {
  return plainWithAcl(ctx, { renames: { CONFIG: `cfg-${randomBytes(6).toString('hex')}` } });
}

function configDenied(ctx: PostureContext): PostureSpec {
  return plainWithAcl(ctx, { scannerRules: SCANNER_ACL_RULES.replace(' +config|get', '') });
}

function phiProblems(ctx: PostureContext): PostureSpec {
  return plainWithAcl(ctx, { extraUsers: [[user('app', 'app'), 'resetkeys ~session:* ~patient:* ~phi:* -@all +@read +@write -@dangerous']] });
}

export const POSTURE_BUILDERS: Record<PostureName, (ctx: PostureContext) => PostureSpec> = {
  hardened,
  insecureDefaults,
  legacyTls,
  expiredCert,
  weakAcl,
  configRenamed,
  configDenied,
  phiProblems,
};
