'use server';

import { revalidatePath } from 'next/cache';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction, type AppUser } from '@/lib/auth/guard';
import type { ActionResult } from '@/lib/findings/acting-user';
import { changeTicketStatus } from '@/lib/tickets/change-ticket-status';
import { assignTicket, changeTicketFindings, commentOnTicket } from '@/lib/tickets/update-ticket';

async function guarded(audit: string, run: (actor: AppUser) => Promise<ActionResult>, message: string): Promise<ActionFormState> {
  try {
    const actor = await requireAction('tickets:manage', audit);
    const result = await run(actor);
    // Also after a refusal: a refused close is recorded in the ticket's history.
    revalidatePath('/tickets', 'layout');
    revalidatePath('/findings', 'layout');
    return result.ok ? { ok: true, message } : { ok: false, error: result.error };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

export async function ticketStatusAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded('ticket.status', (actor) => changeTicketStatus(actor, { ticketId: text(form, 'ticketId'), status: text(form, 'status'), comment: text(form, 'comment') }), 'Status changed.');
}

export async function ticketAssignAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded('ticket.assign', (actor) => assignTicket(actor, { ticketId: text(form, 'ticketId'), assigneeId: text(form, 'assigneeId') ?? null }), 'Assignee saved.');
}

export async function ticketCommentAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded('ticket.comment', (actor) => commentOnTicket(actor, { ticketId: text(form, 'ticketId'), comment: text(form, 'comment') ?? '' }), 'Comment added.');
}

export async function ticketFindingAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded('ticket.finding', (actor) => changeTicketFindings(actor, { ticketId: text(form, 'ticketId'), findingId: text(form, 'findingId'), action: text(form, 'action') }), 'Findings updated.');
}
