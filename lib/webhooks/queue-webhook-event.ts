// Transactional outbox: an event becomes one delivery row per subscribed endpoint, written in the
// same transaction as the change that caused it — no webhook for a change that rolled back, none
// lost for one that committed. The delivery loop (deliver-webhooks.ts) sends them.
import crypto from 'node:crypto';
import type { Prisma } from '../db/client';
import type { WebhookEvent } from './events';

export async function queueWebhookEvent(tx: Prisma.TransactionClient, organizationId: string, event: WebhookEvent, data: Record<string, unknown>, occurredAt = new Date()): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { organizationId, enabled: true }, select: { id: true, events: true } });
  const subscribed = endpoints.filter((e) => (e.events as string[]).includes(event));
  if (subscribed.length === 0) return 0;
  const body = JSON.stringify({ id: crypto.randomUUID(), event, occurredAt: occurredAt.toISOString(), organizationId, data });
  await tx.webhookDelivery.createMany({ data: subscribed.map((e) => ({ organizationId, endpointId: e.id, event, body, nextAttemptAt: occurredAt })) });
  return subscribed.length;
}
