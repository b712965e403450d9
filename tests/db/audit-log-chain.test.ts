import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { verifyAuditChain } from '@/lib/audit-log/verify-audit-chain';
import { db } from '@/lib/db/client';
import { tamperWithAuditLog } from '../support/audit-log-sql';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
});
afterAll(async () => tdb?.drop());

describe(`audit log hash chain on ${TEST_ENGINE}`, () => {
  it('chains every entry, also when written concurrently', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordAudit({ id: `u${i % 3}`, email: `u${i % 3}@example.test`, organizationId: orgId }, { action: 'test.write', outcome: 'success', targetType: 'thing', targetId: String(i), detail: { i, nested: { b: 2, a: [1, { z: true, y: null }] } } }),
      ),
    );
    const rows = await db().auditLogEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain()).toEqual({ ok: true, entries: 25, lastHash: rows[24].hash, purged: null });
  });

  it('names the first altered entry (tampering with the triggers switched off)', async () => {
    await tamperWithAuditLog(tdb, `UPDATE "AuditLogEntry" SET "outcome" = 'denied' WHERE "seq" = 7`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 7, reason: expect.stringMatching(/altered/) });
    await tamperWithAuditLog(tdb, `UPDATE "AuditLogEntry" SET "outcome" = 'success' WHERE "seq" = 7`);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('detects a deleted entry', async () => {
    await tamperWithAuditLog(tdb, `DELETE FROM "AuditLogEntry" WHERE "seq" = 12`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 12, reason: expect.stringMatching(/missing/) });
  });
});
