// A scan target as users give it (URL + optional TLS material and credentials) → the probe's
// ProbeTarget. zod errors name the field and say how to fix it (non-negotiable 4).

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ProbeTarget, SentinelConfig } from '@/lib/probe/redis';
import { redactedTarget } from '@/lib/probe/redis';
import { replicaEndpoint, replicaUrlsSchema } from './replica-urls';

const PEM_START = '-----BEGIN';

/** Environment variables (process.env or a test's own map). */
export type Environment = Record<string, string | undefined>;

const pemOrPath = (what: string) =>
  z
    .string()
    .min(1, `${what} cannot be empty: give a file path or PEM text`)
    .describe(`${what}: a file path or PEM text`);

export const scanTargetInputSchema = z
  .object({
    url: z
      .string({ error: 'url is required, e.g. "rediss://redis.internal:6380"' })
      .refine((u) => /^rediss?:\/\//i.test(u), { message: 'url must start with redis:// or rediss:// (e.g. "rediss://10.0.1.5:6380")' })
      .refine((u) => URL.canParse(u) && new URL(u).hostname !== '', { message: 'url is not a valid URL with a host (e.g. "rediss://user@10.0.1.5:6380")' }),
    ca: pemOrPath('ca').optional(),
    cert: pemOrPath('cert').optional(),
    key: pemOrPath('key').optional(),
    user: z.string().min(1, 'user cannot be empty').optional(),
    /** Clear-text password (app: decrypted from its store; CLI: never on the command line). */
    password: z.string().min(1, 'password cannot be empty').optional(),
    /** Name of an environment variable holding the password. */
    passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'passwordEnv must be an environment variable name such as REDIS_SCANNER_PASSWORD').optional(),
    /** Name to verify the server certificate against (default: the URL host). */
    servername: z.string().min(1).optional(),
    /** The name CONFIG was renamed to on this server (`rename-command CONFIG <name>`). */
    configCommand: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'configCommand must be the renamed CONFIG command name, e.g. "cfg-7f3a"').optional(),
    /** Sentinels monitoring this primary (RED-AVL-001), e.g. ["redis://10.0.1.7:26379"]; TLS material is shared. */
    sentinels: z
      .array(z.string().refine((u) => /^rediss?:\/\/[^/]+/i.test(u) && URL.canParse(u), { message: 'each sentinel must be a redis:// or rediss:// URL with a host' }))
      .min(1, 'give at least one Sentinel URL, or leave sentinels out')
      .optional(),
    /** The master name the Sentinels monitor (`sentinel monitor <name> …`). */
    sentinelMaster: z.string().min(1, 'sentinelMaster cannot be empty').optional(),
    sentinelUser: z.string().min(1).optional(),
    sentinelPasswordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'sentinelPasswordEnv must be an environment variable name').optional(),
    /** Replicas of this primary (same credentials and TLS material): the keyspace audit reads one of them. */
    replicas: replicaUrlsSchema.optional(),
  })
  .strict()
  .refine((t) => Boolean(t.sentinels) === Boolean(t.sentinelMaster), { message: 'sentinels and sentinelMaster must be given together', path: ['sentinelMaster'] })
  .refine((t) => Boolean(t.cert) === Boolean(t.key), { message: 'cert and key must be given together (client certificate for mTLS)', path: ['cert'] })
  .refine((t) => !(t.password && t.passwordEnv), { message: 'give either password or passwordEnv, not both', path: ['passwordEnv'] });

export type ScanTargetInput = z.input<typeof scanTargetInputSchema>;

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Formats zod issues as "field: message" lines. */
export function describeIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') return `${at || '(top level)'}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return `${at || '(top level)'}: ${issue.message}`;
  });
}

function loadPem(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trimStart().startsWith(PEM_START)) return value;
  try {
    const text = readFileSync(value, 'utf8');
    if (!text.includes(PEM_START)) throw new TargetError(`${field}: ${value} is not a PEM file`);
    return text;
  } catch (err) {
    if (err instanceof TargetError) throw err;
    throw new TargetError(`${field}: cannot read file ${value} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function sentinelConfig(
  urls: string[],
  masterName: string,
  user: string | undefined,
  passwordEnv: string | undefined,
  env: Environment,
  at: (field: string) => string,
): SentinelConfig {
  let password: string | undefined;
  if (passwordEnv) {
    password = env[passwordEnv];
    if (!password) throw new TargetError(`${at('sentinelPasswordEnv')}: environment variable ${passwordEnv} is not set or empty`);
  }
  const endpoints = urls.map((u) => {
    const url = new URL(u);
    password ??= url.password ? decodeURIComponent(url.password) : undefined;
    user ??= url.username ? decodeURIComponent(url.username) : undefined;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 26379, tls: url.protocol === 'rediss:' };
  });
  return { masterName, endpoints, username: user, password };
}

/** The redacted display form of any URL-ish input, even an invalid one (never shows credentials). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname.includes(':') && !u.hostname.startsWith('[') ? `[${u.hostname}]` : u.hostname}:${u.port || 6379}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/** Validates and resolves a target (reads PEM files and the password env var). Throws TargetError. */
export function resolveTarget(input: unknown, env: Environment = process.env, prefix = ''): { probe: ProbeTarget; display: string } {
  const parsed = scanTargetInputSchema.safeParse(input);
  if (!parsed.success) throw new TargetError(describeIssues(parsed.error, prefix).join('\n'));
  const t = parsed.data;
  const url = new URL(t.url);
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  let password = t.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  if (t.passwordEnv) {
    password = env[t.passwordEnv];
    if (!password) throw new TargetError(`${at('passwordEnv')}: environment variable ${t.passwordEnv} is not set or empty`);
  }
  const user = t.user ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const port = url.port ? Number(url.port) : 6379;
  const probe: ProbeTarget = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    tls: url.protocol === 'rediss:',
    username: user,
    password,
    ca: loadPem(t.ca, at('ca')),
    cert: loadPem(t.cert, at('cert')),
    key: loadPem(t.key, at('key')),
    servername: t.servername,
    configCommand: t.configCommand,
    sentinels: t.sentinels && t.sentinelMaster ? sentinelConfig(t.sentinels, t.sentinelMaster, t.sentinelUser, t.sentinelPasswordEnv, env, at) : undefined,
    replicas: t.replicas?.map(replicaEndpoint),
  };
  return { probe, display: redactedTarget(probe) };
}
