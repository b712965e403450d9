'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction, type AppUser } from '@/lib/auth/guard';
import { decideException } from '@/lib/exceptions/decide-exception';
import { requestException } from '@/lib/exceptions/request-exception';
import type { ActionResult } from '@/lib/findings/acting-user';
import { assignFinding } from '@/lib/findings/assign-finding';
import { commentOnFinding } from '@/lib/findings/comment-on-finding';
import { transitionFinding } from '@/lib/findings/transition-finding';
import { createTicket } from '@/lib/tickets/create-ticket';

// `authorize` is a requireAction() call with a literal permission (checked by tests/unit).
async function guarded(authorize: () => Promise<AppUser>, run: (actor: AppUser) => Promise<ActionResult<object>>, message: string): Promise<ActionFormState> {
  try {
    const actor = await authorize();
    const result = await run(actor);
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/findings', 'layout');
    return { ok: true, message };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

export async function transitionFindingAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(() => requireAction('findings:update', `finding.${text(form, 'event') ?? 'move'}`), (actor) => transitionFinding(actor, { findingId: text(form, 'findingId'), event: text(form, 'event'), comment: text(form, 'comment') }), 'Saved.');
}

export async function assignFindingAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(() => requireAction('findings:update', 'finding.assign'), (actor) => assignFinding(actor, { findingId: text(form, 'findingId'), assigneeId: text(form, 'assigneeId') ?? null }), 'Assignee saved.');
}

export async function commentFindingAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(() => requireAction('findings:update', 'finding.comment'), (actor) => commentOnFinding(actor, { findingId: text(form, 'findingId'), comment: text(form, 'comment') ?? '' }), 'Comment added.');
}

export async function requestExceptionAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(() => requireAction('findings:update', 'exception.request'),
    (actor) => requestException(actor, { findingId: text(form, 'findingId'), reason: text(form, 'reason') ?? '', compensatingControl: text(form, 'compensatingControl') ?? '', expiresAt: text(form, 'expiresAt') }),
    'Exception requested: an officer or administrator other than you decides it.',
  );
}

export async function decideExceptionAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  const decision = text(form, 'decision');
  return guarded(() => requireAction('exceptions:approve', `exception.${decision ?? 'decide'}`), (actor) => decideException(actor, { exceptionId: text(form, 'exceptionId'), decision, note: text(form, 'note') }), decision === 'approve' ? 'Exception approved.' : 'Exception rejected.');
}

export async function createTicketAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  let ticketId: string | null = null;
  const state = await guarded(() => requireAction('tickets:manage', 'ticket.create'),
    async (actor) => {
      const result = await createTicket(actor, {
        title: text(form, 'title') ?? '',
        description: text(form, 'description'),
        findingIds: form.getAll('findingIds').filter((v): v is string => typeof v === 'string' && v !== ''),
        assigneeId: text(form, 'assigneeId') ?? null,
        dueAt: text(form, 'dueAt'),
      });
      if (result.ok) ticketId = result.ticketId;
      return result;
    },
    'Ticket opened.',
  );
  if (ticketId) redirect(`/tickets/${ticketId}`);
  return state;
}
