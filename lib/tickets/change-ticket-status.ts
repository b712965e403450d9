// Moves a ticket between open, in progress and closed. Closing is refused, with the reason, while
// any of its findings is not resolved by a scan (catalog PRC-004: a ticket closes only when a later
// scan passes).
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { FINDING_STATE_LABELS, type FindingState } from '../findings/lifecycle';
import { notVerifiedSince } from '../findings/list-findings';
import { recordTicketChange } from './ticket-changed';
import { TICKET_STATUSES } from './ticket-statuses';

const input = z
  .object({
    ticketId: z.string().min(1, 'choose a ticket'),
    status: z.enum(TICKET_STATUSES, { message: `use one of: ${TICKET_STATUSES.join(', ')}` }),
    comment: z.string().trim().max(4000).optional(),
  })
  .strict();

type StillFailing = { controlId: string; state: string; lastStatus: string | null; lastVerifiedAt: Date | null; firstDetectedAt: Date; instance: { name: string } };

export function whyNotClosable(findings: StillFailing[]): string | null {
  const open = findings.filter((f) => f.state !== 'resolved');
  if (open.length === 0) return null;
  const lines = open.map((f) => {
    const since = notVerifiedSince(f);
    const scan = since ? `not verified since ${since.toISOString().slice(0, 10)}` : `last scan: ${f.lastStatus ?? 'none'}`;
    const extra = f.state === 'risk_accepted' || f.state === 'false_positive' ? '; remove it from the ticket to close' : '';
    return `${f.controlId} on ${f.instance.name} (${FINDING_STATE_LABELS[f.state as FindingState]?.toLowerCase() ?? f.state}, ${scan}${extra})`;
  });
  return `The ticket cannot be closed: ${open.length} finding${open.length === 1 ? ' has' : 's have'} not been resolved by a passing scan — ${lines.join('; ')}.`;
}

export async function changeTicketStatus(actor: ActingUser, raw: unknown, now = new Date()): Promise<ActionResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { ticketId, status, comment } = parsed.data;
  const ticket = await db().ticket.findFirst({ where: { id: ticketId, organizationId: actor.organizationId }, include: { findings: { include: { instance: { select: { name: true } } } } } });
  if (!ticket) return { ok: false, error: 'No such ticket in your organisation.' };
  if (ticket.status === status) return { ok: false, error: `The ticket is already ${status.replace('_', ' ')}.` };
  const audit = { action: 'ticket.status', targetType: 'ticket', targetId: ticket.id };
  if (status === 'closed') {
    const reason = whyNotClosable(ticket.findings);
    if (reason) {
      await db().ticketEvent.create({ data: { ticketId: ticket.id, actorId: actor.id, kind: 'close_refused', comment: reason } });
      await recordAudit(actor, { ...audit, outcome: 'denied', detail: { reason: 'findings still failing' } });
      return { ok: false, error: reason };
    }
  }
  await db().$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { status, closedAt: status === 'closed' ? now : null } });
    await recordTicketChange(tx, { ticketId: ticket.id, actorId: actor.id, kind: 'status_change', fromStatus: ticket.status, toStatus: status, comment: comment || null });
  });
  await recordAudit(actor, { ...audit, outcome: 'success', detail: { from: ticket.status, to: status } });
  return { ok: true };
}
