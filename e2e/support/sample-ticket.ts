// A ticket in the e2e database for routes that need a real ticket id (the demo seed opens none):
// the demo engineer's ticket on the first active finding, written with plain SQL like the other
// e2e fixtures, and reused when one exists.
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { demoAccount } from './auth';
import { E2E_DB_FILE } from './state';

export function ensureSampleTicket(): string {
  const dbh = new Database(E2E_DB_FILE);
  try {
    const existing = dbh.prepare('SELECT id FROM "Ticket" LIMIT 1').get() as { id: string } | undefined;
    if (existing) return existing.id;
    const engineer = dbh.prepare('SELECT id, organizationId FROM "User" WHERE email = ?').get(demoAccount('engineer').email) as { id: string; organizationId: string };
    const finding = dbh.prepare(`SELECT id FROM "Finding" WHERE organizationId = ? AND ticketId IS NULL AND state IN ('open','reopened') ORDER BY controlId DESC LIMIT 1`).get(engineer.organizationId) as { id: string } | undefined;
    if (!finding) return 'missing';
    const id = `e2e${crypto.randomBytes(8).toString('hex')}`;
    const now = new Date().toISOString();
    dbh.prepare('INSERT INTO "Ticket" (id, organizationId, title, description, status, createdById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, engineer.organizationId, 'Sample remediation ticket', '', 'open', engineer.id, now, now);
    dbh.prepare('UPDATE "Finding" SET ticketId = ? WHERE id = ?').run(id, finding.id);
    return id;
  } finally {
    dbh.close();
  }
}
