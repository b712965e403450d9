// What the e2e database holds, per table (read with plain SQL: specs never load the Prisma client),
// for "nothing was written" checks. The audit log and sessions are left out: refusals are audited
// and every request touches the session.
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { E2E_DB_FILE } from './state';

function perTable<T>(read: (dbh: Database.Database, table: string) => T): Record<string, T> {
  const dbh = new Database(E2E_DB_FILE, { readonly: true });
  try {
    const tables = (dbh.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('AuditLogEntry', 'AppSession', '_app_migrations')`).all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, read(dbh, t)]));
  } finally {
    dbh.close();
  }
}

export function rowCounts(): Record<string, number> {
  return perTable((dbh, t) => (dbh.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n);
}

/** Row count and a hash of every row, so an update shows as well as an insert or a delete. */
export function tableDigests(): Record<string, string> {
  return perTable((dbh, t) => {
    const rows = dbh.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all();
    return `${rows.length}:${crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  });
}
