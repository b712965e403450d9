// Tickets for the list and detail pages.
import { db } from '../db/client';
import { controlTitle } from '../findings/finding-payload';
import { isOverdue } from '../findings/sla';

export async function listTickets(organizationId: string, filter: { status?: 'open' | 'in_progress' | 'closed' | 'active' } = {}, now = new Date()) {
  const status = filter.status ?? 'active';
  const rows = await db().ticket.findMany({
    where: { organizationId, ...(status === 'active' ? { status: { not: 'closed' } } : { status }) },
    include: { assignee: { select: { id: true, name: true } }, findings: { select: { id: true, state: true, dueAt: true, severity: true } } },
    orderBy: [{ dueAt: 'asc' }, { createdAt: 'desc' }],
    take: 500,
  });
  return rows.map((t) => ({
    ...t,
    overdue: t.status !== 'closed' && t.dueAt !== null && t.dueAt.getTime() < now.getTime(),
    failingFindings: t.findings.filter((f) => f.state !== 'resolved').length,
  }));
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
    overdue: ticket.status !== 'closed' && ticket.dueAt !== null && ticket.dueAt.getTime() < now.getTime(),
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
