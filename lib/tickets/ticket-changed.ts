// Every ticket change is one history row and one ticket.changed webhook, in one transaction.
import type { Prisma } from '../db/client';
import { controlTitle } from '../findings/finding-payload';
import { appLink } from '../webhooks/events';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event';

export interface TicketChange {
  ticketId: string;
  actorId: string | null;
  kind: 'created' | 'status_change' | 'comment' | 'assign' | 'finding_added' | 'finding_removed' | 'due_change';
  fromStatus?: string;
  toStatus?: string;
  comment?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordTicketChange(tx: Prisma.TransactionClient, change: TicketChange): Promise<void> {
  await tx.ticketEvent.create({
    data: { ticketId: change.ticketId, actorId: change.actorId, kind: change.kind, fromStatus: change.fromStatus ?? null, toStatus: change.toStatus ?? null, comment: change.comment ?? null, detail: (change.detail ?? undefined) as object | undefined },
  });
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: change.ticketId },
    include: { assignee: { select: { id: true, name: true, email: true } }, findings: { select: { id: true, controlId: true, severity: true, state: true, instance: { select: { name: true } } } } },
  });
  await queueWebhookEvent(tx, ticket.organizationId, 'ticket.changed', {
    change: { kind: change.kind, fromStatus: change.fromStatus ?? null, toStatus: change.toStatus ?? null, comment: change.comment ?? null },
    ticket: {
      id: ticket.id,
      title: ticket.title,
      status: ticket.status,
      dueAt: ticket.dueAt?.toISOString() ?? null,
      assignee: ticket.assignee,
      url: appLink(`/tickets/${ticket.id}`),
      findings: ticket.findings.map((f) => ({ id: f.id, controlId: f.controlId, title: controlTitle(f.controlId), severity: f.severity, state: f.state, instance: f.instance.name })),
    },
  });
}
