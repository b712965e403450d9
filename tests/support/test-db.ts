// A fresh, migrated database per test file, on the engine TEST_DATABASE_ENGINE selects:
// "sqlite" (default, a temp file) or "postgresql" (a new database on TEST_POSTGRES_URL's server,
// dropped afterwards). scripts/test.sh runs the tests/db suite once per engine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { resetDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { databaseTarget, type DatabaseEngine } from '@/lib/db/target';

export const TEST_ENGINE: DatabaseEngine = process.env.TEST_DATABASE_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  engine: DatabaseEngine;
  url: string;
  /** Runs SQL directly on the driver (no Prisma), e.g. to inspect what is really stored. */
  rawQuery(sql: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `rcd_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  let url: string;
  if (TEST_ENGINE === 'postgresql') {
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(SERVER_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-db-'));
    url = `file:${path.join(dir, 'test.db')}`;
  }
  await migrate(databaseTarget(url));
  process.env.DATABASE_URL = url;
  process.env.APP_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-data-'));
  await resetDb();

  const rawQuery = async (sql: string): Promise<Record<string, unknown>[]> => {
    if (TEST_ENGINE === 'postgresql') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    }
    const { default: Database } = await import('better-sqlite3');
    const dbh = new Database(url.replace(/^file:/, ''), { readonly: true });
    try {
      return dbh.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      dbh.close();
    }
  };

  return {
    engine: TEST_ENGINE,
    url,
    rawQuery,
    async drop() {
      await resetDb();
      if (TEST_ENGINE === 'postgresql') {
        const admin = new pg.Client({ connectionString: SERVER_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      } else {
        fs.rmSync(path.dirname(url.replace(/^file:/, '')), { recursive: true, force: true });
      }
    },
  };
}
