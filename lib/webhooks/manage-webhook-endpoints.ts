// Admin management of webhook endpoints. The signing secret is generated here, returned once to be
// shown, and stored only sealed (lib/crypto/secrets.ts).
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { encryptSecret } from '../crypto/secrets';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { WEBHOOK_EVENTS } from './events';
import { newWebhookSecret, secretBinding } from './signature';

const createInput = z
  .object({
    url: z
      .string()
      .trim()
      .url('give the receiver URL, e.g. https://hooks.example.org/rcd')
      // zod runs refinements after a failed check too: a URL that does not parse is reported above.
      .refine((u) => !URL.canParse(u) || /^https?:$/.test(new URL(u).protocol), 'the URL must start with https:// (or http:// for a receiver on your network)')
      .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'do not put credentials in the URL: receivers verify the signature instead'),
    description: z.string().trim().max(200).default(''),
    events: z.array(z.enum(WEBHOOK_EVENTS, { message: `events are: ${WEBHOOK_EVENTS.join(', ')}` })).min(1, 'choose at least one event'),
  })
  .strict();

export async function createWebhookEndpoint(actor: ActingUser, raw: unknown): Promise<ActionResult<{ endpointId: string; secret: string }>> {
  const parsed = createInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const secret = newWebhookSecret();
  const endpoint = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({ data: { organizationId: actor.organizationId, url: parsed.data.url, description: parsed.data.description, events: [...new Set(parsed.data.events)], secretCiphertext: 'pending', createdById: actor.id } });
    return tx.webhookEndpoint.update({ where: { id: created.id }, data: { secretCiphertext: encryptSecret(secret, secretBinding(actor.organizationId, created.id)) } });
  });
  await recordAudit(actor, { action: 'webhook.create', targetType: 'webhook', targetId: endpoint.id, outcome: 'success', detail: { host: new URL(endpoint.url).host, events: parsed.data.events } });
  return { ok: true, endpointId: endpoint.id, secret };
}

const updateInput = z.object({ endpointId: z.string().min(1), action: z.enum(['enable', 'disable', 'delete', 'rotate']) }).strict();

export async function updateWebhookEndpoint(actor: ActingUser, raw: unknown): Promise<ActionResult<{ secret?: string }>> {
  const parsed = updateInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { endpointId, action } = parsed.data;
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: actor.organizationId } });
  if (!endpoint) return { ok: false, error: 'No such webhook endpoint in your organisation.' };
  let secret: string | undefined;
  if (action === 'delete') await db().webhookEndpoint.delete({ where: { id: endpoint.id } });
  else if (action === 'rotate') {
    secret = newWebhookSecret();
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { secretCiphertext: encryptSecret(secret, secretBinding(endpoint.organizationId, endpoint.id)) } });
  } else await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: action === 'enable' } });
  await recordAudit(actor, { action: `webhook.${action}`, targetType: 'webhook', targetId: endpoint.id, outcome: 'success' });
  return { ok: true, secret };
}

export async function listWebhookEndpoints(organizationId: string) {
  const endpoints = await db().webhookEndpoint.findMany({ where: { organizationId }, orderBy: { createdAt: 'asc' }, select: { id: true, url: true, description: true, events: true, enabled: true, createdAt: true } });
  return endpoints.map((e) => ({ ...e, events: e.events as string[] }));
}

export async function listWebhookDeliveries(organizationId: string, take = 100) {
  return db().webhookDelivery.findMany({
    where: { organizationId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, event: true, status: true, attempts: true, lastStatusCode: true, lastError: true, createdAt: true, deliveredAt: true, nextAttemptAt: true, endpoint: { select: { url: true } }, attemptLog: { orderBy: { attempt: 'asc' } } },
  });
}
