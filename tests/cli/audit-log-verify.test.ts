import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const run = promisify(execFile);
const BIN = path.resolve('bin/redis-compliance.mjs');
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  for (let i = 0; i < 5; i++) await recordAudit({ email: 'a@example.test' }, { action: 'test', outcome: 'success', detail: { i } });
});
afterAll(async () => tdb?.drop());

async function verify() {
  try {
    const { stdout } = await run(process.execPath, [BIN, 'audit-log', 'verify', '--format', 'json'], { env: { ...process.env, DATABASE_URL: tdb.url } });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout ? JSON.parse(e.stdout) : null };
  }
}

describe('redis-compliance audit-log verify', () => {
  it('exits 0 on an intact chain and 1 naming the first altered entry', async () => {
    expect(await verify()).toMatchObject({ code: 0, out: { ok: true, entries: 5 } });
    const h = new Database(tdb.url.replace(/^file:/, ''));
    h.prepare(`UPDATE "AuditLogEntry" SET "actorEmail" = 'mallory@example.test' WHERE "seq" = 3`).run();
    h.close();
    expect(await verify()).toMatchObject({ code: 1, out: { ok: false, brokenAt: 3 } });
  });
});
