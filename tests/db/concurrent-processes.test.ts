// Two processes writing one database at once, as the app, the workers and the CLI do. On SQLite a
// transaction that reads and then writes must not fail because another process committed in
// between (WAL answers such a deferred transaction SQLITE_BUSY_SNAPSHOT at once, without waiting):
// every transaction takes the write lock when it begins.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { verifyAuditChain } from '@/lib/audit-log/verify-audit-chain';
import { db } from '@/lib/db/client';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb?.drop());

describe(`two processes writing at once on ${TEST_ENGINE}`, () => {
  it('audit appends from both succeed and the chain stays one chain', { timeout: 120_000 }, async () => {
    const writer = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/audit-writer-process.ts')], {
      env: { ...process.env, DATABASE_URL: tdb.url, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    writer.stdout.on('data', (d) => (out += d));
    writer.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => writer.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes('writer ready')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
      exited.then((code) => reject(new Error(`writer exited ${code}: ${err}`)));
    });

    const APPENDS = 150;
    const failures: string[] = [];
    for (let i = 0; i < APPENDS; i++) {
      try {
        await recordAudit({ id: 'u1', email: 'u1@example.test' }, { action: 'test.this-process', outcome: 'success', detail: { i } });
      } catch (e) {
        failures.push((e as Error).message.split('\n').at(-1)!);
      }
    }
    writer.stdin.end();
    expect(await exited, err).toBe(0);
    const appendedByWriter = Number(/appended (\d+)/.exec(out)?.[1]);

    expect(failures).toEqual([]);
    expect(appendedByWriter).toBeGreaterThan(0);
    expect(await db().auditLogEntry.count({ where: { action: 'test.this-process' } })).toBe(APPENDS);
    expect(await db().auditLogEntry.count({ where: { action: 'test.other-process' } })).toBe(appendedByWriter);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, entries: APPENDS + appendedByWriter });
  });
});
