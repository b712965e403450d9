// Webhook signatures (docs/webhooks.md): `X-RCD-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'X-RCD-Signature';
export const TIMESTAMP_HEADER = 'X-RCD-Timestamp';
export const EVENT_HEADER = 'X-RCD-Event';
export const DELIVERY_HEADER = 'X-RCD-Delivery';

export function signatureFor(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** A new signing secret: shown to the admin once, then stored sealed. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

/** Associated data that binds a sealed secret to its endpoint row. */
export function secretBinding(organizationId: string, endpointId: string): string {
  return `webhook:${organizationId}:${endpointId}`;
}
