// Assigns a finding to a member of staff (auditors cannot own remediation), or clears the assignee.
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from './acting-user';

const input = z.object({ findingId: z.string().min(1, 'choose a finding'), assigneeId: z.string().nullable() }).strict();

export async function assignFinding(actor: ActingUser, raw: unknown): Promise<ActionResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { findingId, assigneeId } = parsed.data;
  const finding = await db().finding.findFirst({ where: { id: findingId, organizationId: actor.organizationId } });
  if (!finding) return { ok: false, error: 'No such finding in your organisation.' };
  const assignee = assigneeId ? await db().user.findFirst({ where: { id: assigneeId, organizationId: actor.organizationId, disabled: false } }) : null;
  if (assigneeId && !assignee) return { ok: false, error: 'The assignee must be an active user of your organisation.' };
  if (assignee?.role === 'auditor') return { ok: false, error: 'Auditors are read-only and cannot be assigned findings.' };
  await db().$transaction([
    db().finding.update({ where: { id: finding.id }, data: { assigneeId: assignee?.id ?? null } }),
    db().findingEvent.create({ data: { findingId: finding.id, actorId: actor.id, kind: 'assign', detail: { assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null } } }),
  ]);
  await recordAudit(actor, { action: 'finding.assign', targetType: 'finding', targetId: finding.id, outcome: 'success', detail: { assigneeId: assignee?.id ?? null } });
  return { ok: true };
}
