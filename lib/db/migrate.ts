// Applies the SQL migrations in prisma/migrations/<engine>/ in order, once each, recording them in
// "_app_migrations". Plain drivers (better-sqlite3, pg) so it runs before any Prisma client exists.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseTarget, type DatabaseTarget } from './target';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(target: DatabaseTarget): Migration[] {
  if (!fs.existsSync(target.migrationsPath)) return [];
  return fs
    .readdirSync(target.migrationsPath)
    .filter((d) => fs.existsSync(path.join(target.migrationsPath, d, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(target.migrationsPath, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_app_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

function assertUnchanged(applied: Map<string, string>, migrations: Migration[]) {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`migration ${m.name} was edited after it was applied (checksum differs); add a new migration instead`);
    }
  }
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(target: DatabaseTarget = databaseTarget()): Promise<string[]> {
  const migrations = listMigrations(target);
  if (migrations.length === 0) throw new Error(`no migrations found in ${target.migrationsPath}`);
  return target.engine === 'sqlite' ? migrateSqlite(target, migrations) : migratePostgres(target, migrations);
}

function migrateSqlite(target: DatabaseTarget, migrations: Migration[]): string[] {
  const file = target.url.replace(/^file:/, '');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(LEDGER);
    const applied = new Map(db.prepare('SELECT name, checksum FROM _app_migrations').all().map((r) => {
      const row = r as { name: string; checksum: string };
      return [row.name, row.checksum] as const;
    }));
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations.filter((x) => !applied.has(x.name))) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare('INSERT INTO _app_migrations (name, checksum, appliedAt) VALUES (?, ?, ?)').run(m.name, m.checksum, new Date().toISOString());
      })();
      done.push(m.name);
    }
    return done;
  } finally {
    db.close();
  }
}

async function migratePostgres(target: DatabaseTarget, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    // One migrator at a time across processes (several app replicas may start together).
    await client.query('SELECT pg_advisory_lock(72707271)');
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_app_migrations"');
    const applied = new Map(rows.map((r) => [r.name, r.checksum] as const));
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations.filter((x) => !applied.has(x.name))) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO "_app_migrations" (name, checksum, "appliedAt") VALUES ($1, $2, $3)', [m.name, m.checksum, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock(72707271)').catch(() => undefined);
    await client.end();
  }
}
