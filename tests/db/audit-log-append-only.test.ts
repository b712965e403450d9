import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { verifyAuditChain } from '@/lib/audit-log/verify-audit-chain';
import { db } from '@/lib/db/client';
import { execSql } from '../support/audit-log-sql';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  for (let i = 0; i < 4; i++) await recordAudit({ organizationId: orgId, email: 'a@example.test' }, { action: 'test.write', outcome: 'success', detail: { i } });
});
afterAll(async () => tdb?.drop());

const APPEND_ONLY = /append-only/;

describe(`audit log triggers on ${TEST_ENGINE}`, () => {
  it('refuse UPDATE and DELETE of entries in raw SQL, and leave the chain intact', async () => {
    await expect(execSql(tdb, `UPDATE "AuditLogEntry" SET "outcome" = 'denied' WHERE "seq" = 2`)).rejects.toThrow(APPEND_ONLY);
    await expect(execSql(tdb, `DELETE FROM "AuditLogEntry" WHERE "seq" = 4`)).rejects.toThrow(/removed only by the retention purge/);
    await expect(execSql(tdb, `DELETE FROM "AuditLogEntry"`)).rejects.toThrow(APPEND_ONLY);
    if (TEST_ENGINE === 'postgresql') await expect(execSql(tdb, `TRUNCATE "AuditLogEntry"`)).rejects.toThrow(APPEND_ONLY);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuse the same through the app client', async () => {
    await expect(db().auditLogEntry.updateMany({ data: { actorEmail: 'mallory@example.test' } })).rejects.toThrow(APPEND_ONLY);
    await expect(db().auditLogEntry.deleteMany({ where: { seq: 1 } })).rejects.toThrow(APPEND_ONLY);
    expect(await db().auditLogEntry.count()).toBe(4);
  });

  it('refuse UPDATE and DELETE of purge anchors', async () => {
    await execSql(tdb, `INSERT INTO "AuditLogAnchor" ("id", "firstSeq", "lastSeq", "lastHash", "count", "cutoff", "retentionDays") VALUES ('a1', 1, 1, 'x', 1, CURRENT_TIMESTAMP, 2190)`);
    await expect(execSql(tdb, `UPDATE "AuditLogAnchor" SET "lastHash" = 'y'`)).rejects.toThrow(APPEND_ONLY);
    await expect(execSql(tdb, `DELETE FROM "AuditLogAnchor"`)).rejects.toThrow(APPEND_ONLY);
  });

  it('keep an organisation that still has audit entries (deleting it would rewrite them)', async () => {
    await expect(db().organization.delete({ where: { id: orgId } })).rejects.toThrow(APPEND_ONLY);
    expect(await db().auditLogEntry.count({ where: { organizationId: orgId } })).toBe(4);
  });
});
