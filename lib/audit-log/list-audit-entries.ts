// The audit log page by page: filtered, sorted and paged in the database. Auditors only see the
// entries inside their access window.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { dayParam } from '../paging/day-param';
import { pageQueryShape, pageWindow, type Page } from '../paging/page-query';
import { containsText } from '../paging/text-filter';
import { endOfDay } from '../posture/day';
import type { ViewerWindow } from '../posture/viewer-window';

export const AUDIT_SORTS = ['at', 'action', 'outcome', 'actor'] as const;
export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
const DETAIL_SHOWN = 300;

export const auditQuerySchema = z
  .object({
    ...pageQueryShape(AUDIT_SORTS, 'at', 'desc'),
    action: z.string().max(100, 'action must be at most 100 characters').optional(),
    actor: z.string().max(200, 'actor (e-mail search) must be at most 200 characters').optional(),
    outcome: z.enum(AUDIT_OUTCOMES, { error: `outcome must be one of ${AUDIT_OUTCOMES.join(', ')}` }).optional(),
    from: dayParam('from').optional(),
    to: dayParam('to').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must be on or before to (both days are included)', path: ['to'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditRow {
  id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}

const ORDER: Record<AuditQuery['sort'], (dir: 'asc' | 'desc') => Prisma.AuditLogEntryOrderByWithRelationInput[]> = {
  at: (dir) => [{ seq: dir }],
  action: (dir) => [{ action: dir }, { seq: 'desc' }],
  outcome: (dir) => [{ outcome: dir }, { seq: 'desc' }],
  actor: (dir) => [{ actorEmail: dir }, { seq: 'desc' }],
};

function timeRange(query: AuditQuery, window: ViewerWindow | null): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (query.from) range.gte = new Date(`${query.from}T00:00:00Z`);
  if (query.to) range.lt = endOfDay(query.to);
  if (window?.start && (!range.gte || range.gte < window.start)) range.gte = window.start;
  if (window && (!range.lt || range.lt.getTime() > window.end.getTime() + 1)) range.lt = new Date(window.end.getTime() + 1);
  return range;
}

export async function listAuditEntriesPage(organizationId: string, query: AuditQuery, window: ViewerWindow | null): Promise<Page<AuditRow>> {
  const range = timeRange(query, window);
  const where: Prisma.AuditLogEntryWhereInput = {
    organizationId,
    ...(range.gte || range.lt ? { at: range } : {}),
    ...(query.action ? { action: containsText(query.action) } : {}),
    ...(query.actor ? { actorEmail: containsText(query.actor) } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
  };
  const total = await db().auditLogEntry.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const entries = await db().auditLogEntry.findMany({ where, orderBy: ORDER[query.sort](query.dir), skip, take: query.size });
  const rows = entries.map((e) => {
    const detail = e.detail === null ? null : JSON.stringify(e.detail);
    return {
      id: e.id,
      seq: e.seq,
      at: e.at.toISOString(),
      actor: e.actorEmail ?? 'system',
      action: e.action,
      target: e.targetType ? `${e.targetType} ${e.targetId ?? ''}`.trim() : null,
      outcome: e.outcome,
      detail: detail && detail.length > DETAIL_SHOWN ? `${detail.slice(0, DETAIL_SHOWN)}…` : detail,
    };
  });
  return { rows, total, page, size: query.size };
}
