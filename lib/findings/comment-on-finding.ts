import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from './acting-user';

const input = z
  .object({
    findingId: z.string().min(1, 'choose a finding'),
    comment: z.string().trim().min(1, 'write a comment').max(4000, 'keep the comment under 4000 characters'),
  })
  .strict();

export async function commentOnFinding(actor: ActingUser, raw: unknown): Promise<ActionResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const finding = await db().finding.findFirst({ where: { id: parsed.data.findingId, organizationId: actor.organizationId }, select: { id: true } });
  if (!finding) return { ok: false, error: 'No such finding in your organisation.' };
  await db().findingEvent.create({ data: { findingId: finding.id, actorId: actor.id, kind: 'comment', comment: parsed.data.comment } });
  await recordAudit(actor, { action: 'finding.comment', targetType: 'finding', targetId: finding.id, outcome: 'success' });
  return { ok: true };
}
