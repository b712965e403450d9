import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSession, createSession, endSession } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;
const PASSWORD = 'correct horse battery staple';
const MIN = 60_000;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
});
afterAll(async () => tdb?.drop());

describe(`server-side sessions on ${TEST_ENGINE}`, () => {
  it('stay valid while used, and end after 15 minutes of inactivity (automatic logoff)', async () => {
    const user = await createUserWithPassword(orgId, 'engineer', PASSWORD);
    const t0 = new Date('2026-11-01T10:00:00Z');
    const session = await createSession(user.id, t0);
    expect(await checkSession(session.id, new Date(t0.getTime() + 10 * MIN))).toEqual({ valid: true, userId: user.id });
    // Activity at +10 min moved the idle clock: +24 min is 14 min after it.
    expect((await checkSession(session.id, new Date(t0.getTime() + 24 * MIN))).valid).toBe(true);
    const idle = await checkSession(session.id, new Date(t0.getTime() + 40 * MIN));
    expect(idle).toEqual({ valid: false, reason: expect.stringMatching(/inactivity/) });
    // Once ended it stays ended, even if used again right away.
    expect((await checkSession(session.id, new Date(t0.getTime() + 40 * MIN + 1000))).valid).toBe(false);
  });

  it('end at the absolute lifetime however active, and at sign-out', async () => {
    const user = await createUserWithPassword(orgId, 'officer', PASSWORD);
    const t0 = new Date('2026-11-01T08:00:00Z');
    const session = await createSession(user.id, t0);
    for (let m = 10; m < 8 * 60; m += 10) expect((await checkSession(session.id, new Date(t0.getTime() + m * MIN))).valid).toBe(true);
    expect(await checkSession(session.id, new Date(t0.getTime() + 8 * 60 * MIN + MIN))).toEqual({ valid: false, reason: expect.stringMatching(/maximum length/) });
    const other = await createSession(user.id);
    await endSession(other.id, 'sign-out');
    expect(await checkSession(other.id)).toEqual({ valid: false, reason: null });
  });

  it('honour the organisation idle timeout setting', async () => {
    const org = await db().organization.create({ data: { name: 'Strict', slug: 'strict', settings: { thresholds: {}, security: { idleTimeoutMinutes: 5 } } } });
    const user = await createUserWithPassword(org.id, 'admin', PASSWORD);
    const t0 = new Date('2026-11-01T10:00:00Z');
    const session = await createSession(user.id, t0);
    expect((await checkSession(session.id, new Date(t0.getTime() + 6 * MIN))).valid).toBe(false);
  });
});

describe(`sign-in lockout on ${TEST_ENGINE}`, () => {
  it('locks after 5 failures, refuses even the right password while locked, then lets in and resets', async () => {
    const user = await createUserWithPassword(orgId, 'engineer', PASSWORD);
    const t0 = new Date('2026-11-02T09:00:00Z');
    for (let i = 0; i < 4; i++) expect((await verifyCredentials({ email: user.email, password: 'wrong-password' }, t0)).ok).toBe(false);
    expect((await db().user.findUnique({ where: { id: user.id } }))?.failedSignIns).toBe(4);
    await verifyCredentials({ email: user.email, password: 'wrong-password' }, t0);
    const locked = await verifyCredentials({ email: user.email, password: PASSWORD }, new Date(t0.getTime() + 5 * MIN));
    expect(locked).toEqual({ ok: false, reason: expect.stringMatching(/locked until 09:15 UTC/) });
    expect(await db().auditLogEntry.count({ where: { actorId: user.id, action: 'auth.lockout' } })).toBe(1);
    const after = await verifyCredentials({ email: user.email, password: PASSWORD }, new Date(t0.getTime() + 16 * MIN));
    expect(after.ok).toBe(true);
    const row = await db().user.findUnique({ where: { id: user.id } });
    expect([row?.failedSignIns, row?.lockedUntil]).toEqual([0, null]);
  });
});
