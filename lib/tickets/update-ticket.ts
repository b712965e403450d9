// Assignee, comments and the findings on a ticket.
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { checkAssignee } from './check-assignee';
import { recordTicketChange } from './ticket-changed';

async function ticketOf(actor: ActingUser, ticketId: string) {
  return db().ticket.findFirst({ where: { id: ticketId, organizationId: actor.organizationId } });
}

const assignInput = z.object({ ticketId: z.string().min(1), assigneeId: z.string().min(1).nullable() }).strict();

export async function assignTicket(actor: ActingUser, raw: unknown): Promise<ActionResult> {
  const parsed = assignInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const ticket = await ticketOf(actor, parsed.data.ticketId);
  if (!ticket) return { ok: false, error: 'No such ticket in your organisation.' };
  const assignee = await checkAssignee(actor.organizationId, parsed.data.assigneeId);
  if (!assignee.ok) return assignee;
  await db().$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId: assignee.userId } });
    await recordTicketChange(tx, { ticketId: ticket.id, actorId: actor.id, kind: 'assign', detail: { assigneeId: assignee.userId } });
  });
  await recordAudit(actor, { action: 'ticket.assign', targetType: 'ticket', targetId: ticket.id, outcome: 'success', detail: { assigneeId: assignee.userId } });
  return { ok: true };
}

const commentInput = z.object({ ticketId: z.string().min(1), comment: z.string().trim().min(1, 'write a comment').max(4000, 'keep the comment under 4000 characters') }).strict();

export async function commentOnTicket(actor: ActingUser, raw: unknown): Promise<ActionResult> {
  const parsed = commentInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const ticket = await ticketOf(actor, parsed.data.ticketId);
  if (!ticket) return { ok: false, error: 'No such ticket in your organisation.' };
  await db().$transaction((tx) => recordTicketChange(tx, { ticketId: ticket.id, actorId: actor.id, kind: 'comment', comment: parsed.data.comment }));
  await recordAudit(actor, { action: 'ticket.comment', targetType: 'ticket', targetId: ticket.id, outcome: 'success' });
  return { ok: true };
}

const findingInput = z.object({ ticketId: z.string().min(1), findingId: z.string().min(1, 'choose a finding'), action: z.enum(['add', 'remove']) }).strict();

export async function changeTicketFindings(actor: ActingUser, raw: unknown): Promise<ActionResult> {
  const parsed = findingInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { ticketId, findingId, action } = parsed.data;
  const ticket = await ticketOf(actor, ticketId);
  if (!ticket) return { ok: false, error: 'No such ticket in your organisation.' };
  if (ticket.status === 'closed') return { ok: false, error: 'Reopen the ticket before changing its findings.' };
  const finding = await db().finding.findFirst({ where: { id: findingId, organizationId: actor.organizationId }, include: { ticket: { select: { status: true, title: true } } } });
  if (!finding) return { ok: false, error: 'No such finding in your organisation.' };
  if (action === 'add' && finding.ticketId && finding.ticketId !== ticket.id && finding.ticket?.status !== 'closed') return { ok: false, error: `${finding.controlId} is already on the open ticket "${finding.ticket!.title}".` };
  if (action === 'remove' && finding.ticketId !== ticket.id) return { ok: false, error: 'That finding is not on this ticket.' };
  const remaining = await db().finding.count({ where: { ticketId: ticket.id } });
  if (action === 'remove' && remaining <= 1) return { ok: false, error: 'A ticket keeps at least one finding.' };
  await db().$transaction(async (tx) => {
    await tx.finding.update({ where: { id: finding.id }, data: { ticketId: action === 'add' ? ticket.id : null } });
    await tx.findingEvent.create({ data: { findingId: finding.id, actorId: actor.id, kind: 'ticket', detail: { ticketId: ticket.id, action: action === 'add' ? 'added' : 'removed' } } });
    await recordTicketChange(tx, { ticketId: ticket.id, actorId: actor.id, kind: action === 'add' ? 'finding_added' : 'finding_removed', detail: { findingId: finding.id, controlId: finding.controlId } });
  });
  await recordAudit(actor, { action: `ticket.finding.${action}`, targetType: 'ticket', targetId: ticket.id, outcome: 'success', detail: { findingId } });
  return { ok: true };
}
