// Retention purge: deletes the audit entries older than the retention, oldest first and contiguous
// from the start of the chain, and leaves an anchor (AuditLogAnchor) that verification starts from.
// The purged range is verified first (a broken one is refused, never laundered into an anchor), and
// the deletion, the anchor and the purge's own audit entry are one transaction. The database
// triggers (migration audit_log_append_only) refuse every other UPDATE or DELETE; this is the one
// place that opens them, for its own transaction and only up to the last seq it purges.
import { db, type Prisma } from '../db/client';
import { databaseTarget } from '../db/target';
import { appendAuditEntry, lockAuditChain } from './record-audit';
import { auditLogRetentionDays, retentionCutoff } from './retention';
import { walkChain, type ChainStart } from './verify-audit-chain';

export type PurgeResult =
  | { status: 'nothing'; retentionDays: number; cutoff: string }
  | { status: 'refused'; retentionDays: number; cutoff: string; brokenAt: number; reason: string }
  | { status: 'planned' | 'purged'; retentionDays: number; cutoff: string; firstSeq: number; lastSeq: number; count: number; lastHash: string };

export interface PurgeOptions {
  now?: Date;
  dryRun?: boolean;
  /** Who asked, for the purge's audit entry (cli | scheduler). */
  via: string;
}

// A purge of years of entries can take a while; appenders wait for it (see TRANSACTION_LIMITS).
const PURGE_TRANSACTION = { maxWait: 15_000, timeout: 600_000 };

async function chainStart(): Promise<ChainStart & { anchorSeq: number | null }> {
  const anchor = await db().auditLogAnchor.findFirst({ orderBy: { lastSeq: 'desc' }, select: { lastSeq: true, lastHash: true } });
  return anchor ? { seq: anchor.lastSeq + 1, prevHash: anchor.lastHash, anchorSeq: anchor.lastSeq } : { seq: 1, prevHash: null, anchorSeq: null };
}

/** The last seq to purge: every entry up to it has expired; the chain head always stays. */
async function lastExpiredSeq(startSeq: number, cutoff: Date): Promise<number | null> {
  const head = await db().auditLogEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
  if (!head) return null;
  const firstKept = await db().auditLogEntry.findFirst({ where: { seq: { gte: startSeq }, at: { gte: cutoff } }, orderBy: { seq: 'asc' }, select: { seq: true } });
  const through = Math.min(firstKept ? firstKept.seq - 1 : head.seq, head.seq - 1);
  return through >= startSeq ? through : null;
}

async function openPurgePermit(tx: Prisma.TransactionClient, throughSeq: number): Promise<void> {
  if (databaseTarget().engine === 'postgresql') await tx.$queryRaw`SELECT set_config('app.audit_log_purge_through', ${String(throughSeq)}, true)`;
  else await tx.$executeRaw`INSERT INTO "_audit_log_purge_permit" ("throughSeq") VALUES (${throughSeq})`;
}

async function closePurgePermit(tx: Prisma.TransactionClient): Promise<void> {
  if (databaseTarget().engine === 'postgresql') await tx.$queryRaw`SELECT set_config('app.audit_log_purge_through', '', true)`;
  else await tx.$executeRaw`DELETE FROM "_audit_log_purge_permit"`;
}

export async function purgeExpiredAuditLog(options: PurgeOptions): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const retentionDays = await auditLogRetentionDays();
  const cutoff = retentionCutoff(now, retentionDays);
  const base = { retentionDays, cutoff: cutoff.toISOString() };
  const start = await chainStart();
  const through = await lastExpiredSeq(start.seq, cutoff);
  if (through === null) return { status: 'nothing', ...base };
  const walk = await walkChain(start, through);
  if (!walk.ok) return { status: 'refused', ...base, brokenAt: walk.brokenAt, reason: walk.reason };
  const plan = { ...base, firstSeq: start.seq, lastSeq: through, count: through - start.seq + 1, lastHash: walk.lastHash as string };
  if (options.dryRun) return { status: 'planned', ...plan };

  return db().$transaction(async (tx) => {
    await lockAuditChain(tx);
    // Another process purged since this one looked: leave it to that purge.
    const anchor = await tx.auditLogAnchor.findFirst({ orderBy: { lastSeq: 'desc' }, select: { lastSeq: true } });
    if ((anchor?.lastSeq ?? null) !== start.anchorSeq) return { status: 'nothing', ...base } as const;
    await openPurgePermit(tx, through);
    const deleted = await tx.auditLogEntry.deleteMany({ where: { seq: { gte: plan.firstSeq, lte: plan.lastSeq } } });
    await closePurgePermit(tx);
    if (deleted.count !== plan.count) throw new Error(`audit log purge deleted ${deleted.count} entries, expected ${plan.count}: nothing was purged`);
    const created = await tx.auditLogAnchor.create({ data: { firstSeq: plan.firstSeq, lastSeq: plan.lastSeq, lastHash: plan.lastHash, count: plan.count, cutoff, retentionDays, purgedAt: now } });
    await appendAuditEntry(tx, null, { action: 'audit-log.purge', targetType: 'audit-log-anchor', targetId: created.id, outcome: 'success', detail: { ...plan, via: options.via } });
    return { status: 'purged', ...plan } as const;
  }, PURGE_TRANSACTION);
}
