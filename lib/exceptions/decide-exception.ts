// An officer or admin approves or rejects a requested exception — never the person who requested
// it. Approval moves the finding to "risk accepted" in the same transaction; past results stay as
// they were (exceptions are shown beside results, never instead of them).
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import type { Role } from '../auth/roles';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { isFindingState, transition } from '../findings/lifecycle';

export const APPROVER_ROLES: readonly Role[] = ['officer', 'admin'];

const input = z
  .object({
    exceptionId: z.string().min(1, 'choose an exception'),
    decision: z.enum(['approve', 'reject'], { message: 'decide "approve" or "reject"' }),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();

export async function decideException(actor: ActingUser, raw: unknown, now = new Date()): Promise<ActionResult<{ status: string }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { exceptionId, decision, note } = parsed.data;
  const exception = await db().riskException.findFirst({ where: { id: exceptionId, finding: { organizationId: actor.organizationId } }, include: { finding: true } });
  if (!exception) return { ok: false, error: 'No such exception in your organisation.' };
  const audit = { action: `exception.${decision}`, targetType: 'risk-exception', targetId: exception.id };
  const refuse = async (error: string): Promise<ActionResult<{ status: string }>> => {
    await recordAudit(actor, { ...audit, outcome: 'denied', detail: { reason: error } });
    return { ok: false, error };
  };
  if (!APPROVER_ROLES.includes(actor.role)) return refuse('Only a compliance officer or an administrator decides exceptions.');
  if (exception.requestedById === actor.id) return refuse('You requested this exception: another officer or administrator must decide it.');
  if (exception.status !== 'requested') return refuse(`This exception is already ${exception.status}.`);

  if (decision === 'reject') {
    await db().$transaction([
      db().riskException.update({ where: { id: exception.id }, data: { status: 'rejected', approvedById: actor.id, decidedAt: now, decisionNote: note || null } }),
      db().findingEvent.create({ data: { findingId: exception.findingId, actorId: actor.id, kind: 'exception', comment: note || null, detail: { exceptionId: exception.id, action: 'rejected' } } }),
    ]);
    await recordAudit(actor, { ...audit, outcome: 'success' });
    return { ok: true, status: 'rejected' };
  }

  if (exception.expiresAt.getTime() <= now.getTime()) return refuse('The requested expiry has already passed: ask for a new exception.');
  const finding = exception.finding;
  if (!isFindingState(finding.state)) return refuse('The finding has an unknown state.');
  const outcome = transition(finding.state, 'exception_approved');
  if (!outcome.ok) return refuse(outcome.reason);
  const approved = await db().$transaction(async (tx) => {
    const { count } = await tx.finding.updateMany({ where: { id: finding.id, state: finding.state }, data: { state: outcome.to } });
    if (count === 0) return false;
    await tx.riskException.update({ where: { id: exception.id }, data: { status: 'approved', approvedById: actor.id, decidedAt: now, decisionNote: note || null } });
    await tx.findingEvent.create({
      data: { findingId: finding.id, actorId: actor.id, kind: 'state_change', fromState: finding.state, toState: outcome.to, comment: note || null, detail: { exceptionId: exception.id, action: 'approved', expiresAt: exception.expiresAt.toISOString() } },
    });
    return true;
  });
  if (!approved) return refuse('The finding changed meanwhile (a scan or a colleague moved it). Reload and try again.');
  await recordAudit(actor, { ...audit, outcome: 'success', detail: { findingId: finding.id, expiresAt: exception.expiresAt.toISOString() } });
  return { ok: true, status: 'approved' };
}
