// The "add a self-hosted target" form: validates every field with messages that say what to fix,
// then saves (secrets sealed) and registers the instance.
import { z } from 'zod';
import type { AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { describeZodError } from '../users/schemas';
import { saveSelfTarget } from './save-self-target';
import { selfTargetConfigSchema, selfTargetSecretsSchema } from './self-target';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Give the target a name, e.g. "billing-cache-prod".')
  .max(80, 'Keep the name under 80 characters.')
  .regex(/^[\w.\- ]+$/, 'Use letters, digits, spaces, dots, dashes or underscores in the name.');

const pemText = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => !v || v.includes('-----BEGIN'), `${what} must be PEM text starting with -----BEGIN (paste the whole file).`);

const formSchema = z.object({
  name: nameSchema,
  url: z.string(),
  user: z.string().optional(),
  password: z.string().optional(),
  ca: pemText('The CA certificate'),
  cert: pemText('The client certificate'),
  keyPem: pemText('The client key'),
  servername: z.string().optional(),
  environment: z.string().optional(),
  /** One URL per line (or separated by spaces or commas); empty = none. */
  replicas: z
    .string()
    .optional()
    .transform((v) => {
      const urls = (v ?? '').split(/[\s,]+/).filter(Boolean);
      return urls.length ? urls : undefined;
    }),
});

export type AddTargetResult = { ok: true; instanceId: string } | { ok: false; error: string };

export async function addSelfTarget(actor: AuditActor & { organizationId: string }, input: Record<string, unknown>): Promise<AddTargetResult> {
  const form = formSchema.safeParse(input);
  if (!form.success) return { ok: false, error: describeZodError(form.error) };
  const { name, password, keyPem, ...configFields } = form.data;
  if (Boolean(configFields.cert) !== Boolean(keyPem)) return { ok: false, error: 'cert: a client certificate and its key must be given together (mutual TLS).' };
  const config = selfTargetConfigSchema.safeParse(configFields);
  if (!config.success) return { ok: false, error: describeZodError(config.error) };
  const secrets = selfTargetSecretsSchema.safeParse({ password, keyPem });
  if (!secrets.success) return { ok: false, error: describeZodError(secrets.error) };
  if (await db().connection.findUnique({ where: { organizationId_name: { organizationId: actor.organizationId, name } } })) {
    return { ok: false, error: `name: a connection called "${name}" already exists; choose another name.` };
  }
  const { instance } = await saveSelfTarget(actor, { organizationId: actor.organizationId, name, config: config.data, secrets: secrets.data });
  return { ok: true, instanceId: instance.id };
}
