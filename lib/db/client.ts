// The one Prisma client of the process, on the engine DATABASE_URL selects. Both generated clients
// come from the same schema, so the SQLite client's types describe either.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client';
import { databaseTarget } from './target';

export type Db = SqliteClient;
export type { Prisma } from '../generated/sqlite/client';

export function createDb(url?: string): Db {
  const target = databaseTarget(url);
  if (target.engine === 'postgresql') {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db;
  }
  // busy timeout: another process (worker, CLI) holding the write lock is waited for, not an error.
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.url.replace(/^file:/, ''), timeout: 15_000 }) });
}

const globalForDb = globalThis as unknown as { __rcdDb?: Db };

/** Shared client; reused across Next.js hot reloads in development. */
export function db(): Db {
  globalForDb.__rcdDb ??= createDb();
  return globalForDb.__rcdDb;
}

/** Disconnects and forgets the shared client (tests switch databases between files). */
export async function resetDb(): Promise<void> {
  const current = globalForDb.__rcdDb;
  globalForDb.__rcdDb = undefined;
  await current?.$disconnect();
}
