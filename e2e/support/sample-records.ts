// Detail pages of real records in the e2e database, for specs that need a page with its forms: an
// instance, an active finding with no ticket and no exception (all its forms show), and a ticket.
import Database from 'better-sqlite3';
import { ensureSampleTicket } from './sample-ticket';
import { E2E_DB_FILE } from './state';

export function sampleRecordPages(): string[] {
  const ticketId = ensureSampleTicket();
  const dbh = new Database(E2E_DB_FILE, { readonly: true });
  try {
    const instance = dbh.prepare('SELECT id FROM "Instance" ORDER BY name LIMIT 1').get() as { id: string } | undefined;
    const finding = dbh
      .prepare(`SELECT f.id FROM "Finding" f WHERE f.ticketId IS NULL AND f.state IN ('open','reopened') AND NOT EXISTS (SELECT 1 FROM "RiskException" x WHERE x.findingId = f.id) ORDER BY f.controlId, f.id LIMIT 1`)
      .get() as { id: string } | undefined;
    return [instance && `/instances/${instance.id}`, finding && `/findings/${finding.id}`, ticketId !== 'missing' && `/tickets/${ticketId}`].filter((p): p is string => Boolean(p));
  } finally {
    dbh.close();
  }
}
