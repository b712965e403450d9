// The "add an AWS account / Google Cloud project" forms: validated with messages that name the
// field and the fix, saved with the secrets sealed (never echoed, never in the audit log).
import { z } from 'zod';
import type { AuditActor } from '@/lib/audit-log/record-audit';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { encryptSecrets } from '@/lib/crypto/secrets';
import { db } from '@/lib/db/client';
import { fromForm, secretsContext, validate, type CloudKind } from './cloud-connection';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'name: give the connection a name, e.g. "aws-prod" or "gcp-phi".')
  .max(80, 'name: keep it under 80 characters.')
  .regex(/^[\w.\- ]+$/, 'name: use letters, digits, spaces, dots, dashes or underscores.');

export type AddCloudConnectionResult = { ok: true; connectionId: string } | { ok: false; error: string };

/** The client_email of a service-account key (shown on the page; the key itself stays sealed). */
function serviceAccountOf(credentialsJson: string | undefined): string | undefined {
  try {
    const email = (JSON.parse(credentialsJson ?? '') as { client_email?: unknown }).client_email;
    return typeof email === 'string' ? email : undefined;
  } catch {
    return undefined;
  }
}

export async function addCloudConnection(actor: AuditActor & { organizationId: string }, kind: CloudKind, input: Record<string, unknown>): Promise<AddCloudConnectionResult> {
  const name = nameSchema.safeParse(input.name);
  if (!name.success) return { ok: false, error: name.error.issues[0].message };
  const { config, secrets } = fromForm(kind, input);
  const valid = validate(kind, config, secrets);
  if (!valid.ok) return valid;
  if (await db().connection.findUnique({ where: { organizationId_name: { organizationId: actor.organizationId, name: name.data } } })) {
    return { ok: false, error: `name: a connection called "${name.data}" already exists; choose another name.` };
  }
  const serviceAccount = 'credentialsJson' in secrets ? serviceAccountOf(secrets.credentialsJson) : undefined;
  const stored = { ...config, ...(serviceAccount ? { serviceAccount } : {}) };
  const sealed = Object.values(secrets).some(Boolean) ? encryptSecrets(secrets, secretsContext(actor.organizationId, name.data)) : null;
  const connection = await db().connection.create({ data: { organizationId: actor.organizationId, kind, name: name.data, config: stored, secretCiphertext: sealed } });
  const detail =
    kind === 'aws'
      ? { kind, auth: config.auth, regions: 'regions' in config ? config.regions : [], roles: 'roles' in config ? config.roles.map((r) => r.arn) : [], secretsStored: Boolean(sealed) }
      : { kind, auth: config.auth, projects: 'projects' in config ? config.projects : [], secretsStored: Boolean(sealed) };
  await recordAudit(actor, { action: 'connection.create', targetType: 'connection', targetId: connection.id, outcome: 'success', detail });
  return { ok: true, connectionId: connection.id };
}
