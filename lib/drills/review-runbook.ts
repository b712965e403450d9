// After a drill the runbook is updated or confirmed unchanged (RED-PRC-001: within 7 days).
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { describeZodError } from '../users/schemas';

const schema = z.object({
  drillId: z.string().min(1, 'choose a drill'),
  runbookUrl: z.string().trim().max(500, 'keep it under 500 characters').optional().transform((v) => v || null),
});

export async function reviewRunbook(actor: AuditActor & { id: string; organizationId: string }, input: Record<string, unknown>, now = new Date()): Promise<{ ok: true } | { ok: false; error: string }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const drill = await db().backupDrill.findFirst({ where: { id: parsed.data.drillId, instance: { organizationId: actor.organizationId } } });
  if (!drill) return { ok: false, error: 'drillId: no such drill in your organisation.' };
  if (drill.runbookReviewedAt) return { ok: false, error: 'The runbook review of this drill is already recorded.' };
  await db().backupDrill.update({ where: { id: drill.id }, data: { runbookReviewedAt: now, runbookUrl: parsed.data.runbookUrl ?? drill.runbookUrl } });
  await recordAudit(actor, { action: 'drill.runbook-reviewed', targetType: 'drill', targetId: drill.id, outcome: 'success', detail: { runbookUrl: parsed.data.runbookUrl ?? drill.runbookUrl } });
  return { ok: true };
}
