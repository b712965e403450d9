// A person moves a finding (acknowledge, start remediation, false positive, back to acknowledged).
// Only the lifecycle table decides what is allowed; resolved/reopened/risk accepted are never set here.
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from './acting-user';
import { isFindingState, PERSON_EVENTS, transition, type FindingEventName } from './lifecycle';

const input = z
  .object({
    findingId: z.string().min(1, 'choose a finding'),
    event: z.enum(PERSON_EVENTS as [FindingEventName, ...FindingEventName[]], { message: `use one of: ${PERSON_EVENTS.join(', ')}` }),
    comment: z.string().trim().max(4000, 'keep the note under 4000 characters').optional(),
  })
  .strict();

export async function transitionFinding(actor: ActingUser, raw: unknown): Promise<ActionResult<{ state: string }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { findingId, event, comment } = parsed.data;
  const finding = await db().finding.findFirst({ where: { id: findingId, organizationId: actor.organizationId } });
  if (!finding || !isFindingState(finding.state)) return { ok: false, error: 'No such finding in your organisation.' };
  const outcome = transition(finding.state, event);
  const audit = { action: `finding.${event}`, targetType: 'finding', targetId: finding.id };
  if (!outcome.ok) {
    await recordAudit(actor, { ...audit, outcome: 'denied', detail: { reason: outcome.reason } });
    return { ok: false, error: outcome.reason };
  }
  const moved = await db().$transaction(async (tx) => {
    const { count } = await tx.finding.updateMany({ where: { id: finding.id, state: finding.state }, data: { state: outcome.to } });
    if (count === 0) return false;
    await tx.findingEvent.create({ data: { findingId: finding.id, actorId: actor.id, kind: 'state_change', fromState: finding.state, toState: outcome.to, comment: comment || null } });
    return true;
  });
  if (!moved) return { ok: false, error: 'The finding changed meanwhile (a scan or a colleague moved it). Reload and try again.' };
  await recordAudit(actor, { ...audit, outcome: 'success', detail: { from: finding.state, to: outcome.to } });
  return { ok: true, state: outcome.to };
}
