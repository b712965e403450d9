import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, matchingStep, totpRequiredFor } from '@/lib/auth/totp';
import { db } from '@/lib/db/client';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;
const PASSWORD = 'correct horse battery staple';
const codeAt = (secret: string, at: Date) => authenticator.clone({ epoch: at.getTime() }).generate(secret);

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
});
afterAll(async () => tdb?.drop());

describe(`TOTP second factor on ${TEST_ENGINE}`, () => {
  it('enrols only with a matching code, stores the secret sealed, then requires a fresh code at sign-in', async () => {
    const user = await createUserWithPassword(orgId, 'admin', PASSWORD);
    const { secret, otpauthUri, qrSvg } = await beginTotpEnrolment(user);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toContain('<svg');
    const t0 = new Date();
    expect(await confirmTotpEnrolment(user, '000000', t0)).toMatchObject({ ok: false });
    expect(await confirmTotpEnrolment(user, codeAt(secret, t0), t0)).toEqual({ ok: true });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecretCiphertext).toMatch(/^v1\./);
    expect(JSON.stringify(await tdb.rawQuery(`SELECT * FROM "User" WHERE "id" = '${user.id}'`))).not.toContain(secret);

    const later = new Date(t0.getTime() + 60_000);
    expect(await verifyCredentials({ email: user.email, password: PASSWORD }, later)).toEqual({ ok: false, reason: expect.stringMatching(/6-digit code/) });
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, otp: '123456' }, later)).ok).toBe(false);
    const code = codeAt(secret, later);
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, otp: code }, later)).ok).toBe(true);
    // The same code cannot be used twice (replay), even within its validity window.
    expect(await verifyCredentials({ email: user.email, password: PASSWORD, otp: code }, new Date(later.getTime() + 5_000))).toMatchObject({ ok: false, reason: expect.stringMatching(/already used/) });

    expect(await disableTotp(user, codeAt(secret, new Date(later.getTime() + 90_000)), new Date(later.getTime() + 90_000))).toEqual({ ok: true });
    expect((await verifyCredentials({ email: user.email, password: PASSWORD }, new Date(later.getTime() + 120_000))).ok).toBe(true);
  });

  it('accepts one step of clock drift and no more', () => {
    const secret = authenticator.generateSecret();
    const now = new Date('2026-11-29T12:00:15Z');
    expect(matchingStep(secret, codeAt(secret, new Date(now.getTime() - 30_000)), now)).not.toBeNull();
    expect(matchingStep(secret, codeAt(secret, new Date(now.getTime() - 90_000)), now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
  });

  it('is required for the roles the organisation policy names, and cannot then be turned off', async () => {
    const settings = { thresholds: {}, security: { requireTotpForRoles: ['admin', 'officer'] } };
    expect(totpRequiredFor('officer', settings)).toBe(true);
    expect(totpRequiredFor('engineer', settings)).toBe(false);
    const org = await db().organization.create({ data: { name: 'Strict', slug: 'strict-totp', settings } });
    const user = await createUserWithPassword(org.id, 'officer', PASSWORD);
    const { secret } = await beginTotpEnrolment(user);
    const now = new Date();
    await confirmTotpEnrolment(user, codeAt(secret, now), now);
    const later = new Date(now.getTime() + 60_000);
    expect(await disableTotp(user, codeAt(secret, later), later)).toEqual({ ok: false, error: expect.stringMatching(/requires a second factor/) });
  });
});
