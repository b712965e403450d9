import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { db } from '@/lib/db/client';
import { tamperWithAuditLog } from '../support/audit-log-sql';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const run = promisify(execFile);
const BIN = path.resolve('bin/redis-compliance.mjs');
const SEVEN_YEARS_MS = 7 * 365 * 86_400_000;
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  // Entries 1–3 were written seven years ago (past the default six-year retention), 4–8 today.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - SEVEN_YEARS_MS);
  for (let i = 0; i < 3; i++) await recordAudit({ email: 'a@example.test' }, { action: 'test.old', outcome: 'success', detail: { i } });
  vi.useRealTimers();
  for (let i = 0; i < 5; i++) await recordAudit({ email: 'a@example.test' }, { action: 'test', outcome: 'success', detail: { i } });
});
afterAll(async () => tdb?.drop());

async function cli(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [BIN, 'audit-log', ...args, '--format', 'json'], { env: { ...process.env, DATABASE_URL: tdb.url } });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout ? JSON.parse(e.stdout) : null };
  }
}

describe('redis-compliance audit-log verify and purge', () => {
  it('verify exits 0 on an intact chain', async () => {
    expect(await cli('verify')).toMatchObject({ code: 0, out: { ok: true, entries: 8, purged: null } });
  });

  it('purge --dry-run names the expired entries and deletes nothing', async () => {
    expect(await cli('purge', '--dry-run')).toMatchObject({ code: 0, out: { status: 'planned', firstSeq: 1, lastSeq: 3, count: 3, retentionDays: 2190 } });
    expect(await db().auditLogEntry.count()).toBe(8);
  });

  it('purge deletes the expired entries; verify then starts from the anchor and reports the purge', async () => {
    expect(await cli('purge')).toMatchObject({ code: 0, out: { status: 'purged', firstSeq: 1, lastSeq: 3, count: 3 } });
    expect(await cli('verify')).toMatchObject({ code: 0, out: { ok: true, entries: 6, purged: { throughSeq: 3, purges: 1 } } });
  }, 120_000);

  it('verify exits 1 naming the first altered entry after the purge', async () => {
    await tamperWithAuditLog(tdb, `UPDATE "AuditLogEntry" SET "actorEmail" = 'mallory@example.test' WHERE "seq" = 5`);
    expect(await cli('verify')).toMatchObject({ code: 1, out: { ok: false, brokenAt: 5, purged: { throughSeq: 3 } } });
  });
});
