// A rotation the facts cannot show (a Memorystore AUTH string, a client certificate rolled
// elsewhere, a disk or backup key), recorded by hand. Never the credential itself.
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { ROTATION_KINDS } from '../controls/types';
import { db } from '../db/client';
import { utcDate } from '../records/record-details-schema';
import { describeZodError } from '../users/schemas';

const schema = z.object({
  kind: z.enum(ROTATION_KINDS, { message: `choose one of ${ROTATION_KINDS.join(', ')}` }),
  subject: z
    .string()
    .trim()
    .min(2, 'name what was rotated, e.g. "user app", "AUTH string", "client certificate billing-api", "data volume key"')
    .max(200, 'keep it under 200 characters'),
  scopeType: z.enum(['organization', 'instance'], { message: 'choose the organisation or one instance' }),
  instanceId: z.string().trim().optional().transform((v) => v || undefined),
  rotatedAt: utcDate(),
  notAfter: z.preprocess((v) => (v === '' ? undefined : v), utcDate().optional()),
  notes: z.string().trim().max(2000, 'keep them under 2000 characters').optional().transform((v) => v || null),
});

/** A value that looks like a secret pasted into a description field is refused, never stored. */
function looksLikeSecret(text: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || /\b[0-9a-f]{64}\b/i.test(text) || /(password|passphrase|token|secret)\s*[:=]\s*\S{6,}/i.test(text);
}

export async function recordManualRotation(
  actor: AuditActor & { id: string; organizationId: string },
  input: Record<string, unknown>,
  now = new Date(),
): Promise<{ ok: true; rotationId: string } | { ok: false; error: string }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const r = parsed.data;
  if (Date.parse(r.rotatedAt) > now.getTime()) return { ok: false, error: 'rotatedAt: a rotation cannot be in the future.' };
  if (looksLikeSecret(`${r.subject} ${r.notes ?? ''}`)) {
    return { ok: false, error: 'subject/notes: this looks like a secret or a hash of one. Describe the credential (e.g. "user app"), never its value.' };
  }
  let instanceId: string | null = null;
  if (r.scopeType === 'instance') {
    const instance = r.instanceId ? await db().instance.findFirst({ where: { id: r.instanceId, organizationId: actor.organizationId } }) : null;
    if (!instance) return { ok: false, error: 'instanceId: choose an instance of your organisation.' };
    instanceId = instance.id;
  }
  const rotation = await db().rotation.create({
    data: {
      organizationId: actor.organizationId,
      instanceId,
      kind: r.kind,
      subject: r.subject,
      detectedFrom: 'manual',
      rotatedAt: new Date(r.rotatedAt),
      notAfter: r.notAfter ? new Date(r.notAfter) : null,
      recordedById: actor.id,
      notes: r.notes,
    },
  });
  await recordAudit(actor, { action: 'rotation.record', targetType: 'rotation', targetId: rotation.id, outcome: 'success', detail: { kind: r.kind, subject: r.subject, instanceId } });
  return { ok: true, rotationId: rotation.id };
}
