import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;
const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
});
afterAll(async () => tdb?.drop());

describe(`sign-in on ${TEST_ENGINE}`, () => {
  it('accepts the right password and records the sign-in', async () => {
    const user = await createUserWithPassword(orgId, 'officer', PASSWORD);
    const outcome = await verifyCredentials({ email: user.email, password: PASSWORD });
    expect(outcome).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: 'officer', organizationId: orgId } });
    const entry = await db().auditLogEntry.findFirst({ where: { actorId: user.id, action: 'auth.sign-in' }, orderBy: { at: 'desc' } });
    expect(entry?.outcome).toBe('success');
    expect((await db().user.findUnique({ where: { id: user.id } }))?.lastLoginAt).not.toBeNull();
  });

  it('refuses a wrong password, and an unknown e-mail, with the same message', async () => {
    const user = await createUserWithPassword(orgId, 'engineer', PASSWORD);
    const wrong = await verifyCredentials({ email: user.email, password: 'not the password at all' });
    const unknown = await verifyCredentials({ email: 'nobody@example.test', password: PASSWORD });
    expect(wrong).toEqual({ ok: false, reason: 'Wrong e-mail address or password.' });
    expect(unknown).toEqual(wrong);
    const denied = await db().auditLogEntry.findMany({ where: { actorEmail: user.email, outcome: 'denied' } });
    expect(denied).toHaveLength(1);
    expect(JSON.stringify(denied)).not.toContain('not the password at all');
  });

  it('refuses an auditor whose access window has ended, even with the right password', async () => {
    const auditor = await createUserWithPassword(orgId, 'auditor', PASSWORD, { validUntil: new Date(Date.now() - DAY) });
    const outcome = await verifyCredentials({ email: auditor.email, password: PASSWORD });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(/Access ended/);
  });

  it('refuses an auditor before the window opens and one without a window; accepts one inside it', async () => {
    const early = await createUserWithPassword(orgId, 'auditor', PASSWORD, { validFrom: new Date(Date.now() + DAY), validUntil: new Date(Date.now() + 2 * DAY) });
    const noWindow = await createUserWithPassword(orgId, 'auditor', PASSWORD);
    const inside = await createUserWithPassword(orgId, 'auditor', PASSWORD, { validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY) });
    expect((await verifyCredentials({ email: early.email, password: PASSWORD })).ok).toBe(false);
    expect((await verifyCredentials({ email: noWindow.email, password: PASSWORD })).ok).toBe(false);
    expect((await verifyCredentials({ email: inside.email, password: PASSWORD })).ok).toBe(true);
  });

  it('refuses a disabled account', async () => {
    const user = await createUserWithPassword(orgId, 'admin', PASSWORD, { disabled: true });
    const outcome = await verifyCredentials({ email: user.email, password: PASSWORD });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/disabled/) });
  });

  it('rejects malformed input without touching the database', async () => {
    expect(await verifyCredentials({ email: 'not-an-email', password: '' })).toEqual({ ok: false, reason: 'Enter your e-mail address and password.' });
    expect(await verifyCredentials(null)).toEqual({ ok: false, reason: 'Enter your e-mail address and password.' });
  });
});
