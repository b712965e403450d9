// Requests a risk exception for an active finding: why, what compensates, until when. An officer or
// admin other than the requester decides it (decide-exception.ts).
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { isActive } from '../findings/lifecycle';

export const MAX_EXCEPTION_DAYS = 365;
const DAY_MS = 86_400_000;

const input = z
  .object({
    findingId: z.string().min(1, 'choose a finding'),
    reason: z.string().trim().min(10, 'explain in at least 10 characters why the risk is accepted').max(4000),
    compensatingControl: z.string().trim().min(5, 'name the compensating control (e.g. "instance only reachable from the app subnet")').max(4000),
    expiresAt: z.coerce.date({ message: 'give an expiry date (YYYY-MM-DD)' }),
  })
  .strict();

export async function requestException(actor: ActingUser, raw: unknown, now = new Date()): Promise<ActionResult<{ exceptionId: string }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { findingId, reason, compensatingControl, expiresAt } = parsed.data;
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, error: 'expiresAt: the expiry must be in the future.' };
  if (expiresAt.getTime() > now.getTime() + MAX_EXCEPTION_DAYS * DAY_MS) return { ok: false, error: `expiresAt: an exception lasts at most ${MAX_EXCEPTION_DAYS} days; request a new one when it ends.` };
  const finding = await db().finding.findFirst({ where: { id: findingId, organizationId: actor.organizationId }, include: { exceptions: { where: { status: { in: ['requested', 'approved'] } } } } });
  if (!finding) return { ok: false, error: 'No such finding in your organisation.' };
  if (!isActive(finding.state)) return { ok: false, error: `A ${finding.state.replace('_', ' ')} finding needs no exception.` };
  if (finding.exceptions.length > 0) return { ok: false, error: 'This finding already has an exception requested or approved.' };
  const exception = await db().$transaction(async (tx) => {
    const created = await tx.riskException.create({ data: { findingId, reason, compensatingControl, requestedById: actor.id, expiresAt } });
    await tx.findingEvent.create({ data: { findingId, actorId: actor.id, kind: 'exception', comment: reason, detail: { exceptionId: created.id, action: 'requested', expiresAt: expiresAt.toISOString() } } });
    return created;
  });
  await recordAudit(actor, { action: 'exception.request', targetType: 'risk-exception', targetId: exception.id, outcome: 'success', detail: { findingId } });
  return { ok: true, exceptionId: exception.id };
}
