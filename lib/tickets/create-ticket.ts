// Opens a remediation ticket for one or more findings that are not on another open ticket. The due
// date defaults to the earliest due date of its findings.
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { recordTicketChange } from './ticket-changed';
import { checkAssignee } from './check-assignee';

const input = z
  .object({
    title: z.string().trim().min(3, 'give the ticket a title of at least 3 characters').max(200),
    description: z.string().trim().max(8000).default(''),
    findingIds: z.array(z.string().min(1)).min(1, 'choose at least one finding').max(200),
    assigneeId: z.string().min(1).nullable().optional(),
    dueAt: z.coerce.date({ message: 'give the due date as YYYY-MM-DD' }).optional(),
  })
  .strict();

export async function createTicket(actor: ActingUser, raw: unknown): Promise<ActionResult<{ ticketId: string }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { title, description, findingIds, assigneeId, dueAt } = parsed.data;
  const findings = await db().finding.findMany({ where: { id: { in: findingIds }, organizationId: actor.organizationId }, include: { ticket: { select: { id: true, status: true, title: true } } } });
  if (findings.length !== new Set(findingIds).size) return { ok: false, error: 'Some of the chosen findings do not exist in your organisation.' };
  const taken = findings.find((f) => f.ticket && f.ticket.status !== 'closed');
  if (taken) return { ok: false, error: `${taken.controlId} is already on the open ticket "${taken.ticket!.title}".` };
  const assignee = await checkAssignee(actor.organizationId, assigneeId ?? null);
  if (!assignee.ok) return assignee;

  const ticket = await db().$transaction(async (tx) => {
    const created = await tx.ticket.create({
      data: {
        organizationId: actor.organizationId,
        title,
        description,
        createdById: actor.id,
        assigneeId: assignee.userId,
        dueAt: dueAt ?? new Date(Math.min(...findings.map((f) => f.dueAt.getTime()))),
      },
    });
    await tx.finding.updateMany({ where: { id: { in: findingIds } }, data: { ticketId: created.id } });
    await tx.findingEvent.createMany({ data: findings.map((f) => ({ findingId: f.id, actorId: actor.id, kind: 'ticket', detail: { ticketId: created.id, action: 'added' } })) });
    await recordTicketChange(tx, { ticketId: created.id, actorId: actor.id, kind: 'created', toStatus: 'open', detail: { findingIds } });
    return created;
  });
  await recordAudit(actor, { action: 'ticket.create', targetType: 'ticket', targetId: ticket.id, outcome: 'success', detail: { findings: findingIds.length } });
  return { ok: true, ticketId: ticket.id };
}
