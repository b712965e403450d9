// Sends due outbox rows: signs the stored body, POSTs it, logs the attempt, and on failure retries
// with exponential backoff until MAX_ATTEMPTS. A row is claimed before sending so several workers
// running this loop never send it twice at once.
import { db } from '../db/client';
import { decryptSecret } from '../crypto/secrets';
import { DELIVERY_HEADER, EVENT_HEADER, secretBinding, SIGNATURE_HEADER, signatureFor, TIMESTAMP_HEADER } from './signature';

export const MAX_ATTEMPTS = 6;
const CLAIM_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** Delay before attempt n+1 after n failed attempts: base, 4×base, 16×base… (base 30 s by default). */
export function retryDelayMs(failedAttempts: number, baseMs = Number(process.env.WEBHOOK_RETRY_BASE_MS ?? 30_000)): number {
  return baseMs * 4 ** (failedAttempts - 1);
}

interface SendOutcome {
  statusCode: number | null;
  error: string | null;
}

async function send(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.arrayBuffer().catch(() => undefined);
    return { statusCode: response.status, error: response.ok ? null : `receiver answered HTTP ${response.status}` };
  } catch (err) {
    // fetch reports "fetch failed"; the cause says why (ECONNREFUSED, bad port, timeout…).
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message;
    return { statusCode: null, error: `${err instanceof Error ? err.message : String(err)}${why ? `: ${why}` : ''}`.slice(0, 300) };
  }
}

function unsealed(endpoint: { secretCiphertext: string; organizationId: string; id: string }): string | null {
  try {
    return decryptSecret(endpoint.secretCiphertext, secretBinding(endpoint.organizationId, endpoint.id));
  } catch {
    return null;
  }
}

/** Sends every delivery due at `now`; returns how many were attempted. */
export async function deliverDueWebhooks(now = new Date(), limit = 50): Promise<number> {
  const due = await db().webhookDelivery.findMany({
    where: { status: { in: ['pending', 'retrying'] }, nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    include: { endpoint: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
  });
  let attempted = 0;
  for (const delivery of due) {
    const claim = await db().webhookDelivery.updateMany({
      where: { id: delivery.id, attempts: delivery.attempts, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
    });
    if (claim.count === 0) continue;
    attempted += 1;
    const attempt = delivery.attempts + 1;
    const { endpoint } = delivery;
    let outcome: SendOutcome;
    const started = Date.now();
    const secret = endpoint.enabled ? unsealed(endpoint) : null;
    if (!endpoint.enabled) outcome = { statusCode: null, error: 'endpoint disabled' };
    else if (secret === null) outcome = { statusCode: null, error: 'the signing secret cannot be decrypted (was APP_ENCRYPTION_KEY changed?): create a new secret' };
    else {
      outcome = await send(
        endpoint.url,
        {
          'Content-Type': 'application/json',
          'User-Agent': 'redis-compliance-dashboard-webhooks/1',
          [EVENT_HEADER]: delivery.event,
          [DELIVERY_HEADER]: delivery.id,
          [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
          [SIGNATURE_HEADER]: signatureFor(secret, delivery.body),
        },
        delivery.body,
      );
    }
    const delivered = outcome.error === null;
    const giveUp = !delivered && (attempt >= MAX_ATTEMPTS || !endpoint.enabled || secret === null);
    await db().$transaction([
      db().webhookAttempt.create({ data: { deliveryId: delivery.id, attempt, statusCode: outcome.statusCode, error: outcome.error, durationMs: Date.now() - started } }),
      db().webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          attempts: attempt,
          status: delivered ? 'delivered' : giveUp ? 'failed' : 'retrying',
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          deliveredAt: delivered ? new Date() : null,
          nextAttemptAt: delivered || giveUp ? delivery.nextAttemptAt : new Date(now.getTime() + retryDelayMs(attempt)),
          claimedUntil: null,
        },
      }),
    ]);
  }
  return attempted;
}
