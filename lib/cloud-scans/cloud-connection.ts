// An AWS account or Google Cloud project as the app stores it: non-secret settings in
// Connection.config (regions, roles, projects, endpoint), secrets (access keys, a service-account
// key) sealed in Connection.secretCiphertext. Turned back into collectCloud's input only in memory.
// No server-only import: the DB tests and the CLI-side helpers load it under plain Node.
import { z } from 'zod';
import { CloudConfigError, parseCloudConfig, type CloudConfigInput } from '@/lib/cloud/collect';
import { decryptSecrets } from '@/lib/crypto/secrets';

const list = (text: unknown) =>
  String(text ?? '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);

export const awsConnectionConfigSchema = z
  .object({
    /** default: the server's SDK provider chain; profile: a named profile on the server; keys: stored access keys. */
    auth: z.enum(['default', 'profile', 'keys']),
    profile: z.string().optional(),
    /** Empty: every region enabled for the account (EC2 DescribeRegions). */
    regions: z.array(z.string()),
    roles: z.array(z.object({ arn: z.string(), externalId: z.string().optional() }).strict()),
    skipBaseAccount: z.boolean(),
    endpoint: z.string().optional(),
  })
  .strict();
export type AwsConnectionConfig = z.infer<typeof awsConnectionConfigSchema>;

export const gcpConnectionConfigSchema = z
  .object({
    /** adc: Application Default Credentials of the server; key: a stored service-account key. */
    auth: z.enum(['adc', 'key']),
    projects: z.array(z.string()).min(1),
    endpoint: z.string().optional(),
    /** The key's client_email, shown on the connections page (not a secret). */
    serviceAccount: z.string().optional(),
  })
  .strict();
export type GcpConnectionConfig = z.infer<typeof gcpConnectionConfigSchema>;

export type CloudKind = 'aws' | 'gcp';

export interface CloudConnectionRow {
  organizationId: string;
  name: string;
  kind: string;
  config: unknown;
  secretCiphertext: string | null;
}

/** Sealing context of a connection's secrets: the ciphertext cannot be moved to another row. */
export function secretsContext(organizationId: string, name: string): string {
  return `connection:${organizationId}:${name}`;
}

/** The form's text fields as stored settings and secrets (validation happens in `validate`). */
export function fromForm(kind: CloudKind, form: Record<string, unknown>) {
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string).trim() : '');
  if (kind === 'aws') {
    const auth = (['default', 'profile', 'keys'] as const).find((a) => a === text('auth')) ?? 'default';
    const roles = text('roles')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([arn, externalId]) => ({ arn, ...(externalId ? { externalId } : {}) }));
    const config: AwsConnectionConfig = {
      auth,
      ...(auth === 'profile' ? { profile: text('profile') } : {}),
      regions: list(form.regions),
      roles,
      skipBaseAccount: form.skipBaseAccount === 'on' || form.skipBaseAccount === 'true',
      ...(text('endpoint') ? { endpoint: text('endpoint') } : {}),
    };
    const secrets = auth === 'keys' ? { accessKeyId: text('accessKeyId'), secretAccessKey: text('secretAccessKey'), ...(text('sessionToken') ? { sessionToken: text('sessionToken') } : {}) } : {};
    return { config, secrets };
  }
  const auth = text('auth') === 'key' ? 'key' : 'adc';
  const config: GcpConnectionConfig = { auth, projects: list(form.projects), ...(text('endpoint') ? { endpoint: text('endpoint') } : {}) };
  return { config, secrets: auth === 'key' ? { credentialsJson: text('credentialsJson') } : {} };
}

/** collectCloud's input for stored settings and (decrypted, in-memory) secrets. */
export function collectorInput(kind: CloudKind, config: unknown, secrets: Record<string, string | undefined>): CloudConfigInput {
  if (kind === 'aws') {
    const c = awsConnectionConfigSchema.parse(config);
    return {
      aws: {
        ...(c.auth === 'profile' ? { profile: c.profile } : {}),
        ...(c.auth === 'keys' ? { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey, ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}) } : {}),
        ...(c.regions.length ? { regions: c.regions } : {}),
        ...(c.roles.length ? { roles: c.roles } : {}),
        ...(c.skipBaseAccount ? { skipBaseAccount: true } : {}),
        ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      },
    };
  }
  const c = gcpConnectionConfigSchema.parse(config);
  return { gcp: { projects: c.projects, ...(c.auth === 'key' ? { credentialsJson: secrets.credentialsJson } : {}), ...(c.endpoint ? { endpoint: c.endpoint } : {}) } };
}

/** The field the form calls it, for a collector path (`aws.regions.1` → `regions (entry 2)`). */
function formField(path: string): string {
  const [, key, index, sub] = path.split('.');
  const names: Record<string, string> = {
    accessKeyId: 'access key id', secretAccessKey: 'secret access key', sessionToken: 'session token', profile: 'profile', regions: 'regions',
    roles: 'roles', skipBaseAccount: 'skip base account', endpoint: 'endpoint', projects: 'projects', credentialsJson: 'service-account key',
  };
  const name = names[key] ?? key ?? 'settings';
  if (index === undefined) return name;
  return `${name} (line/entry ${Number(index) + 1}${sub ? `, ${sub === 'arn' ? 'role ARN' : 'ExternalId'}` : ''})`;
}

/** Validates as collectCloud will; messages name the form field and how to fix it. */
export function validate(kind: CloudKind, config: unknown, secrets: Record<string, string | undefined>): { ok: true } | { ok: false; error: string } {
  if (kind === 'aws') {
    const c = awsConnectionConfigSchema.parse(config);
    if (c.auth === 'profile' && !c.profile) return { ok: false, error: 'profile: give the name of a profile in the server\'s AWS config, e.g. "audit".' };
    if (c.auth === 'keys' && (!secrets.accessKeyId || !secrets.secretAccessKey)) return { ok: false, error: 'access keys: give both the access key id and the secret access key.' };
  }
  try {
    parseCloudConfig(collectorInput(kind, config, secrets));
    return { ok: true };
  } catch (err) {
    if (!(err instanceof CloudConfigError)) throw err;
    return {
      ok: false,
      error: err.issues
        .map((issue) => {
          const [path, ...message] = issue.split(': ');
          return `${formField(path)}: ${message.join(': ')}`;
        })
        .join('; '),
    };
  }
}

/** collectCloud's input for a stored connection; secrets decrypted only in memory. */
export function collectorInputFor(connection: CloudConnectionRow): CloudConfigInput {
  if (connection.kind !== 'aws' && connection.kind !== 'gcp') throw new Error(`connection ${connection.name} is not a cloud account`);
  const secrets = connection.secretCiphertext ? decryptSecrets(connection.secretCiphertext, secretsContext(connection.organizationId, connection.name)) : {};
  const input = collectorInput(connection.kind, connection.config, secrets);
  const requestTimeoutMs = cloudApiTimeoutMs();
  if (!requestTimeoutMs) return input;
  return input.aws ? { aws: { ...input.aws, requestTimeoutMs } } : { gcp: { ...input.gcp!, requestTimeoutMs } };
}

/** Per-call timeout of the app's cloud API calls (`CLOUD_API_TIMEOUT_MS`, ms); unset: the collector's 30 s. */
export function cloudApiTimeoutMs(): number | undefined {
  const ms = Number(process.env.CLOUD_API_TIMEOUT_MS);
  return Number.isInteger(ms) && ms >= 100 && ms <= 300_000 ? ms : undefined;
}
