// The app audit log of the organisation in the period, page by page, in chain order.
import { db } from '../../db/client';
import type { EvidencePeriod } from '../period';

const PAGE = 2000;

export interface AuditRow {
  id: string;
  /** Hash-chain position and links (lib/audit-log/chain.ts), so each entry's hash can be re-checked. */
  seq: number;
  prevHash: string | null;
  hash: string;
  organizationId: string | null;
  actorId: string | null;
  at: Date;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: unknown;
}

export async function* auditLogPages(organizationId: string, period: EvidencePeriod): AsyncGenerator<AuditRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page: AuditRow[] = await db().auditLogEntry.findMany({
      where: { organizationId, at: { gte: period.start, lt: period.endExclusive } },
      orderBy: [{ seq: 'asc' }],
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, seq: true, prevHash: true, hash: true, organizationId: true, actorId: true, at: true, actorEmail: true, action: true, targetType: true, targetId: true, outcome: true, detail: true },
    });
    if (page.length) yield page;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1].id;
  }
}
