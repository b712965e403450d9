// The one way to write the app audit log: who did what to which target, with the outcome.
// Every mutating action calls it, including refused attempts. Details must not carry secrets.
// Entries are appended to a hash chain (lib/audit-log/chain.ts); writers are serialized so the
// chain has no forks.
import { db, type Prisma } from '../db/client';
import { databaseTarget } from '../db/target';
import { entryHash } from './chain';

export interface AuditActor {
  id?: string | null;
  email?: string | null;
  organizationId?: string | null;
}

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: 'success' | 'denied' | 'error';
  detail?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 8;
// Several processes (app, workers, CLI) may append to one SQLite file: wait for the write lock
// rather than failing the action that is being audited.
export const TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 30_000 };

function isSeqConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'P2002' || /unique|SQLITE_BUSY|database is locked/i.test(e?.message ?? '');
}

type Tx = Prisma.TransactionClient;

/** Serializes writers of the chain on PostgreSQL (SQLite has one writer at a time anyway). */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (databaseTarget().engine === 'postgresql') await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(7270727101)');
}

/** Appends one entry inside the caller's transaction, which must hold lockAuditChain. */
export async function appendAuditEntry(tx: Tx, actor: AuditActor | null, event: AuditEvent): Promise<void> {
  // Round-trip through JSON so the hashed detail is exactly what the database stores.
  const detail = event.detail === undefined ? null : (JSON.parse(JSON.stringify(event.detail)) as object);
  const last = await tx.auditLogEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const content = {
    seq: (last?.seq ?? 0) + 1,
    prevHash: last?.hash ?? null,
    organizationId: actor?.organizationId ?? null,
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome,
    detail,
    at: new Date(),
  };
  await tx.auditLogEntry.create({ data: { ...content, detail: detail ?? undefined, hash: entryHash(content) } });
}

export async function recordAudit(actor: AuditActor | null, event: AuditEvent): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db().$transaction(async (tx) => {
        await lockAuditChain(tx);
        await appendAuditEntry(tx, actor, event);
      }, TRANSACTION_LIMITS);
      return;
    } catch (err) {
      // Another process appended the same position first (SQLite has no advisory lock): retry.
      if (attempt >= MAX_ATTEMPTS || !isSeqConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
