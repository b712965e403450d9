// Tickets: the list (filtered, sorted and paged in the database: one query per page plus the
// count), the detail page, and the findings a new ticket can take.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { controlTitle } from '../findings/finding-payload';
import { assigneeCondition, assigneeParam, overdueParam } from '../findings/list-filters';
import { isOverdue } from '../findings/sla';
import { pageQueryShape, pageWindow, type Page } from '../paging/page-query';
import { containsText } from '../paging/text-filter';
import { TICKET_STATUSES } from './ticket-statuses';

export const TICKET_SORTS = ['due', 'title', 'status', 'assignee', 'findings', 'created'] as const;
export const TICKET_STATUS_FILTERS = ['active', 'all', ...TICKET_STATUSES] as const;

export const ticketsQuerySchema = z.object({
  ...pageQueryShape(TICKET_SORTS, 'due', 'asc'),
  status: z.enum(TICKET_STATUS_FILTERS, { error: `status must be one of ${TICKET_STATUS_FILTERS.join(', ')}` }).default('active'),
  overdue: overdueParam,
  q: z.string().max(100, 'q (title search) must be at most 100 characters').optional(),
  assigneeId: assigneeParam,
});
export type TicketsQuery = z.infer<typeof ticketsQuerySchema>;

export interface TicketRow {
  id: string;
  title: string;
  status: string;
  assignee: { id: string; name: string } | null;
  dueAt: Date | null;
  overdue: boolean;
  findings: number;
  /** Findings a later scan has not resolved yet (the ticket cannot close while any remain). */
  unresolvedFindings: number;
}

const ticketOverdue = (t: { status: string; dueAt: Date | null }, now: Date) => t.status !== 'closed' && t.dueAt !== null && t.dueAt.getTime() < now.getTime();

function ticketsWhere(organizationId: string, q: TicketsQuery, viewerId: string, now: Date): Prisma.TicketWhereInput {
  const where: Prisma.TicketWhereInput = { organizationId };
  if (q.status === 'active') where.status = { not: 'closed' };
  else if (q.status !== 'all') where.status = q.status;
  if (q.overdue === 'yes') {
    where.dueAt = { lt: now };
    where.status = q.status === 'closed' ? { in: [] } : q.status === 'all' || q.status === 'active' ? { not: 'closed' } : q.status;
  }
  if (q.q) where.title = containsText(q.q);
  const assignee = assigneeCondition(q.assigneeId, viewerId);
  if (assignee !== undefined) where.assigneeId = assignee;
  return where;
}

type Dir = 'asc' | 'desc';
const ORDER: Record<TicketsQuery['sort'], (dir: Dir) => Prisma.TicketOrderByWithRelationInput[]> = {
  due: (dir) => [{ dueAt: { sort: dir, nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
  title: (dir) => [{ title: dir }, { id: 'asc' }],
  status: (dir) => [{ status: dir }, { dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  assignee: (dir) => [{ assignee: { name: dir } }, { dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  findings: (dir) => [{ findings: { _count: dir } }, { id: 'asc' }],
  created: (dir) => [{ createdAt: dir }, { id: 'asc' }],
};

/** One page of the tickets list; `viewerId` is who `assigneeId=me` means. */
export async function listTicketsPage(organizationId: string, query: TicketsQuery, viewerId: string, now = new Date()): Promise<Page<TicketRow>> {
  const where = ticketsWhere(organizationId, query, viewerId, now);
  const total = await db().ticket.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const found = await db().ticket.findMany({
    where,
    orderBy: ORDER[query.sort](query.dir),
    skip,
    take: query.size,
    select: {
      id: true,
      title: true,
      status: true,
      dueAt: true,
      assignee: { select: { id: true, name: true } },
      findings: { where: { state: { not: 'resolved' } }, select: { id: true } },
      _count: { select: { findings: true } },
    },
  });
  const rows = found.map((t) => ({
    id: t.id,
    title: t.title,
    status: t.status,
    assignee: t.assignee,
    dueAt: t.dueAt,
    overdue: ticketOverdue(t, now),
    findings: t._count.findings,
    unresolvedFindings: t.findings.length,
  }));
  return { rows, total, page, size: query.size };
}

export async function findTicket(organizationId: string, ticketId: string, now = new Date()) {
  const ticket = await db().ticket.findFirst({
    where: { id: ticketId, organizationId },
    include: {
      assignee: { select: { id: true, name: true } },
      createdBy: { select: { id: true, name: true } },
      findings: { include: { instance: { select: { id: true, name: true } } }, orderBy: { dueAt: 'asc' } },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!ticket) return null;
  const actorIds = [...new Set(ticket.events.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
  const actors = new Map((await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    ...ticket,
    overdue: ticketOverdue(ticket, now),
    findings: ticket.findings.map((f) => ({ ...f, title: controlTitle(f.controlId), overdue: isOverdue(f, now) })),
    events: ticket.events.map((e) => ({ ...e, actorName: e.actorId ? (actors.get(e.actorId) ?? 'former user') : 'system' })),
  };
}

export type TicketDetail = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

/** Findings that can join a ticket: active, and not on another open ticket. */
export async function findingsWithoutOpenTicket(organizationId: string) {
  const rows = await db().finding.findMany({
    where: { organizationId, state: { notIn: ['resolved'] }, OR: [{ ticketId: null }, { ticket: { status: 'closed' } }] },
    include: { instance: { select: { name: true } } },
    orderBy: { dueAt: 'asc' },
    take: 500,
  });
  return rows.map((f) => ({ id: f.id, label: `${f.controlId} · ${controlTitle(f.controlId)} · ${f.instance.name}` }));
}
