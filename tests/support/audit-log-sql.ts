// Raw SQL on a test database beside the app: as an ordinary connection (the append-only triggers
// apply), or as someone with full rights on the database who switches the triggers off to tamper
// with the audit log (what verification must still detect).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './test-db';

const TABLES = ['AuditLogEntry', 'AuditLogAnchor'];

export async function execSql(tdb: TestDatabase, sql: string): Promise<void> {
  if (tdb.engine === 'postgresql') {
    await tdb.rawQuery(sql);
    return;
  }
  const h = new Database(tdb.url.replace(/^file:/, ''));
  try {
    h.exec(sql);
  } finally {
    h.close();
  }
}

export async function tamperWithAuditLog(tdb: TestDatabase, sql: string): Promise<void> {
  if (tdb.engine === 'postgresql') {
    const client = new pg.Client({ connectionString: tdb.url });
    await client.connect();
    try {
      const toggle = (on: boolean) => TABLES.map((t) => `ALTER TABLE "${t}" ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER;`).join('\n');
      await client.query(`BEGIN;\n${toggle(false)}\n${sql};\n${toggle(true)}\nCOMMIT;`);
    } finally {
      await client.end();
    }
    return;
  }
  const h = new Database(tdb.url.replace(/^file:/, ''));
  try {
    const triggers = h.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`).all(...TABLES) as { name: string; sql: string }[];
    h.transaction(() => {
      for (const t of triggers) h.exec(`DROP TRIGGER "${t.name}"`);
      h.exec(sql);
      for (const t of triggers) h.exec(t.sql);
    })();
  } finally {
    h.close();
  }
}
