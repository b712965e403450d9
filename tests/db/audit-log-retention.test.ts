import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { purgeExpiredAuditLog } from '@/lib/audit-log/purge-audit-log';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { auditLogRetentionDays } from '@/lib/audit-log/retention';
import { verifyAuditChain } from '@/lib/audit-log/verify-audit-chain';
import { db } from '@/lib/db/client';
import { runMaintenance } from '@/lib/scheduler/maintenance';
import { updateOrganizationSettings } from '@/lib/settings/update-organization-settings';
import { execSql, tamperWithAuditLog } from '../support/audit-log-sql';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

const YEAR_MS = 365 * 86_400_000;
let tdb: TestDatabase;
let orgId: string;
const NOW = new Date();
const inYears = (years: number) => new Date(NOW.getTime() + years * YEAR_MS);

async function writeAt(at: Date, count: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  for (let i = 0; i < count; i++) await recordAudit({ organizationId: orgId, email: 'a@example.test' }, { action: 'test.write', outcome: 'success', detail: { i } });
  vi.useRealTimers();
}

const seqs = async () => (await db().auditLogEntry.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } })).map((e) => e.seq);
const hashOf = async (seq: number) => (await db().auditLogEntry.findUniqueOrThrow({ where: { seq } })).hash;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  await createOrganization();
  // Entries 1–5 seven years old, 6–7 three years old, 8–10 new.
  await writeAt(inYears(-7), 5);
  await writeAt(inYears(-3), 2);
  await writeAt(NOW, 3);
});
afterAll(async () => tdb?.drop());

describe(`audit log retention on ${TEST_ENGINE}`, () => {
  it('refuses a retention below six years with the reason; the longest retention of any organisation applies', async () => {
    const actor = { organizationId: orgId, email: 'admin@example.test' };
    expect(await updateOrganizationSettings(actor, 'security:\n  auditLogRetentionDays: 365\n')).toEqual({ ok: false, error: 'security.auditLogRetentionDays: must be at least 2190 days (six years, HIPAA 164.316(b)(2))' });
    expect(await updateOrganizationSettings(actor, 'security:\n  auditLogRetentionDays: 2500.5\n')).toMatchObject({ ok: false, error: expect.stringContaining('whole number of days') });
    expect(await auditLogRetentionDays()).toBe(2190);
    expect(await updateOrganizationSettings(actor, 'security:\n  auditLogRetentionDays: 3000\n')).toEqual({ ok: true, changed: ['security.auditLogRetentionDays'] });
    expect(await auditLogRetentionDays()).toBe(3000);
    expect(await purgeExpiredAuditLog({ now: NOW, via: 'test' })).toMatchObject({ status: 'nothing', retentionDays: 3000 });
    expect(await updateOrganizationSettings(actor, 'security:\n  auditLogRetentionDays: 2190\n')).toMatchObject({ ok: true });
    expect(await auditLogRetentionDays()).toBe(2190);
    expect(await seqs()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('dry run names the expired prefix and deletes nothing', async () => {
    expect(await purgeExpiredAuditLog({ now: NOW, dryRun: true, via: 'test' })).toMatchObject({ status: 'planned', firstSeq: 1, lastSeq: 5, count: 5, retentionDays: 2190 });
    expect(await db().auditLogEntry.count()).toBe(12);
  });

  it('purges only the expired prefix, anchors it, records the purge, and verify passes from the anchor', async () => {
    const hash5 = await hashOf(5);
    expect(await purgeExpiredAuditLog({ now: NOW, via: 'test' })).toMatchObject({ status: 'purged', firstSeq: 1, lastSeq: 5, count: 5, lastHash: hash5 });
    expect(await seqs()).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    const anchor = await db().auditLogAnchor.findFirstOrThrow();
    expect(anchor).toMatchObject({ firstSeq: 1, lastSeq: 5, lastHash: hash5, count: 5, retentionDays: 2190 });
    const entry = await db().auditLogEntry.findUniqueOrThrow({ where: { seq: 13 } });
    expect(entry).toMatchObject({ action: 'audit-log.purge', actorEmail: null, targetId: anchor.id, detail: expect.objectContaining({ firstSeq: 1, lastSeq: 5, count: 5, lastHash: hash5, via: 'test' }) });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: 8, purged: { throughSeq: 5, purges: 1 } });
    expect(await purgeExpiredAuditLog({ now: NOW, via: 'test' })).toMatchObject({ status: 'nothing' });
    // The purge's permit ended with its transaction.
    await expect(execSql(tdb, `DELETE FROM "AuditLogEntry" WHERE "seq" = 6`)).rejects.toThrow(/append-only/);
  });

  it('the daily maintenance purge continues from the anchor', async () => {
    await runMaintenance(inYears(4));
    expect(await db().auditLogAnchor.findFirstOrThrow({ where: { firstSeq: 6 } })).toMatchObject({ lastSeq: 7, count: 2 });
    expect((await db().auditLogEntry.findFirstOrThrow({ where: { action: 'audit-log.purge', seq: { gt: 13 } } })).detail).toMatchObject({ via: 'scheduler' });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: 7, purged: { throughSeq: 7, purges: 2 } });
  });

  it('detects tampering after a purge at the right entry', async () => {
    await tamperWithAuditLog(tdb, `UPDATE "AuditLogEntry" SET "outcome" = 'denied' WHERE "seq" = 9`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 9, reason: expect.stringMatching(/altered/), purged: { throughSeq: 7 } });
    await tamperWithAuditLog(tdb, `UPDATE "AuditLogEntry" SET "outcome" = 'success' WHERE "seq" = 9`);
    await tamperWithAuditLog(tdb, `DELETE FROM "AuditLogEntry" WHERE "seq" = 8`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 8, reason: expect.stringMatching(/missing/) });
  });

  it('refuses to purge an expired range whose chain is broken, and deletes nothing', async () => {
    const before = await seqs();
    expect(await purgeExpiredAuditLog({ now: inYears(10), via: 'test' })).toMatchObject({ status: 'refused', brokenAt: 8 });
    expect(await seqs()).toEqual(before);
  });

  it('verify rejects an anchor whose purge the log does not record', async () => {
    // Someone deletes entries 9–10 behind the triggers and fakes an anchor for them.
    const hash10 = await hashOf(10);
    await tamperWithAuditLog(
      tdb,
      `DELETE FROM "AuditLogEntry" WHERE "seq" IN (9, 10); INSERT INTO "AuditLogAnchor" ("id", "firstSeq", "lastSeq", "lastHash", "count", "cutoff", "retentionDays") VALUES ('forged', 8, 10, '${hash10}', 3, CURRENT_TIMESTAMP, 2190)`,
    );
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: 11, reason: expect.stringMatching(/not recorded/) });
  });
});
