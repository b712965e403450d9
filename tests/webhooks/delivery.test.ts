// Webhooks end to end against a real HTTP receiver in this test: the receiver verifies the
// signature the way docs/webhooks.md tells integrators to, failures are retried with backoff and
// every attempt is logged; the secret is shown once and stored only sealed.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { findFreePort } from '@/lib/redis-sandbox';
import { deliverDueWebhooks, MAX_ATTEMPTS, retryDelayMs } from '@/lib/webhooks/deliver-webhooks';
import { createWebhookEndpoint, listWebhookDeliveries, updateWebhookEndpoint } from '@/lib/webhooks/manage-webhook-endpoints';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { createInstance, createStaff, storeScan } from '../findings/support';
import type { ActingUser } from '@/lib/findings/acting-user';

/** What a receiver does (docs/webhooks.md): HMAC-SHA256 of the raw body, constant-time compare. */
function verify(secret: string, rawBody: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let tdb: TestDatabase;
let admin: ActingUser;
let orgId: string;
let server: http.Server;
let url: string;
const received: Received[] = [];
const answers: number[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  admin = await createStaff(orgId, 'admin');
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rcd`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await tdb?.drop();
});

describe('outbound webhooks', () => {
  let secret: string;

  it('creates an endpoint whose secret is returned once and stored only sealed', async () => {
    const created = await createWebhookEndpoint(admin, { url, description: 'test receiver', events: ['finding.opened', 'finding.resolved'] });
    if (!created.ok) throw new Error(created.error);
    secret = created.secret;
    expect(secret).toMatch(/^whsec_/);
    const dump = JSON.stringify(await tdb.rawQuery('SELECT * FROM "WebhookEndpoint"')) + JSON.stringify(await tdb.rawQuery('SELECT * FROM "AuditLogEntry"'));
    expect(dump).not.toContain(secret);
    expect(await createWebhookEndpoint(admin, { url: 'ftp://x', events: ['finding.opened'] })).toMatchObject({ ok: false, error: expect.stringMatching(/^url:/) });
    expect(await createWebhookEndpoint(admin, { url, events: ['finding.deleted'] })).toMatchObject({ ok: false, error: expect.stringMatching(/^events/) });
  });

  it('signs each delivery so the receiver can verify it, and retries a failed one with backoff', async () => {
    const instance = await createInstance(orgId, 'orders-cache');
    const t0 = new Date();
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-AUTH-001', status: 'fail', severity: 'critical' }]);

    answers.push(500);
    expect(await deliverDueWebhooks(t0)).toBe(1);
    expect(received).toHaveLength(1);
    // Not due again until the backoff has passed.
    expect(await deliverDueWebhooks(new Date(t0.getTime() + retryDelayMs(1) - 1))).toBe(0);
    expect(await deliverDueWebhooks(new Date(t0.getTime() + retryDelayMs(1)))).toBe(1);
    expect(received).toHaveLength(2);

    for (const r of received) {
      expect(verify(secret, r.body, r.headers['x-rcd-signature'] as string)).toBe(true);
      expect(r.headers['x-rcd-event']).toBe('finding.opened');
      expect(Number(r.headers['x-rcd-timestamp'])).toBeGreaterThan(0);
    }
    // Same event, same body on the retry: receivers de-duplicate by its id.
    expect(received[1].body).toBe(received[0].body);
    const body = JSON.parse(received[0].body);
    expect(body).toMatchObject({ event: 'finding.opened', data: { finding: { controlId: 'RED-AUTH-001', severity: 'critical', instance: { name: 'orders-cache' } }, reopened: false } });
    // A tampered body or the wrong secret does not verify.
    expect(verify(secret, received[0].body.replace('critical', 'low'), received[0].headers['x-rcd-signature'] as string)).toBe(false);
    expect(verify('whsec_wrong', received[0].body, received[0].headers['x-rcd-signature'] as string)).toBe(false);

    const [delivery] = await listWebhookDeliveries(orgId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204 });
    expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 204]]);
    expect(delivery.attemptLog[0].error).toMatch(/HTTP 500/);
  });

  it('gives up after the last attempt on an unreachable receiver, logging each error', async () => {
    const dead = await createWebhookEndpoint(admin, { url: `http://127.0.0.1:${await findFreePort()}/never`, events: ['finding.resolved'] });
    if (!dead.ok) throw new Error(dead.error);
    const instance = await db().instance.findFirstOrThrow({ where: { organizationId: orgId, name: 'orders-cache' } });
    let now = new Date(Date.now() + 1000);
    await storeScan(orgId, instance.id, now, [{ controlId: 'RED-AUTH-001', status: 'pass', severity: 'critical' }]);
    for (let i = 1; i <= MAX_ATTEMPTS + 1; i += 1) {
      await deliverDueWebhooks(now);
      now = new Date(now.getTime() + retryDelayMs(i));
    }
    const deadDelivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: dead.endpointId }, include: { attemptLog: true } });
    expect(deadDelivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastStatusCode: null });
    expect(deadDelivery.attemptLog).toHaveLength(MAX_ATTEMPTS);
    expect(deadDelivery.lastError).toMatch(/ECONNREFUSED/);
    // The working receiver got the resolved event once.
    expect(received.filter((r) => r.headers['x-rcd-event'] === 'finding.resolved')).toHaveLength(1);
  });

  it('fails a delivery at once, saying why, when the secret cannot be decrypted', async () => {
    const broken = await db().webhookEndpoint.create({ data: { organizationId: orgId, url, description: 'sealed under another key', events: ['finding.opened'], secretCiphertext: 'v1.AAAA.AAAA.AAAA' } });
    const instance = await createInstance(orgId);
    const at = new Date(Date.now() + 30_000);
    await storeScan(orgId, instance.id, at, [{ controlId: 'RED-CFG-001', status: 'fail' }]);
    const sentBefore = received.length;
    await deliverDueWebhooks(at);
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: broken.id } });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/cannot be decrypted/) });
    // The healthy endpoint subscribed to the same event still got it.
    expect(received.length).toBe(sentBefore + 1);
    await db().webhookEndpoint.delete({ where: { id: broken.id } });
  });

  it('rotates the secret: later deliveries verify only with the new one', async () => {
    const [endpoint] = await db().webhookEndpoint.findMany({ where: { organizationId: orgId, url } });
    const rotated = await updateWebhookEndpoint(admin, { endpointId: endpoint.id, action: 'rotate' });
    if (!rotated.ok || !rotated.secret) throw new Error('no new secret');
    const instance = await createInstance(orgId);
    const at = new Date(Date.now() + 60_000);
    await storeScan(orgId, instance.id, at, [{ controlId: 'RED-NET-001', status: 'fail', severity: 'critical' }]);
    await deliverDueWebhooks(at);
    const last = received[received.length - 1];
    expect(verify(rotated.secret, last.body, last.headers['x-rcd-signature'] as string)).toBe(true);
    expect(verify(secret, last.body, last.headers['x-rcd-signature'] as string)).toBe(false);
  });
});
