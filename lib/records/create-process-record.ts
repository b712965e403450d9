// Records a process record (BAA, DR plan, access review, change approval, attestation…) with its
// optional document. Approved records are immutable: a correction is a new record that supersedes
// the old one (catalog §4.1), done here in the same transaction.
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { describeZodError } from '../users/schemas';
import { describeDetailsError, detailsSchema, utcDate } from './record-details-schema';
import { isRecordKind, RECORD_KINDS, SCOPE_TYPES } from './record-kinds';
import { checkUpload, storeAttachment, type UploadedFile } from './store-attachment';

const DAY_MS = 86_400_000;

const commonSchema = z.object({
  kind: z.string().refine(isRecordKind, { message: `choose one of the record kinds (${Object.keys(RECORD_KINDS).join(', ')})` }),
  scopeType: z.enum(SCOPE_TYPES, { message: 'choose organization, connection or instance' }),
  scopeId: z.string().trim().optional().transform((v) => v || undefined),
  title: z.string().trim().min(3, 'give the record a title (at least 3 characters)').max(200, 'keep it under 200 characters'),
  reviewerId: z.string().trim().optional().transform((v) => v || undefined),
  approvedAt: utcDate(),
  expiresAt: z.preprocess((v) => (v === '' ? undefined : v), utcDate().optional()),
  notes: z.string().trim().max(4000, 'keep them under 4000 characters').optional().transform((v) => v || null),
  supersedesId: z.string().trim().optional().transform((v) => v || undefined),
});

export type CreateRecordResult = { ok: true; recordId: string; attachmentId: string | null } | { ok: false; error: string };

export async function createProcessRecord(
  actor: AuditActor & { id: string; organizationId: string },
  input: Record<string, unknown>,
  file: UploadedFile | null,
  now = new Date(),
): Promise<CreateRecordResult> {
  const common = commonSchema.safeParse(input);
  if (!common.success) return { ok: false, error: describeZodError(common.error) };
  const c = common.data;
  if (!isRecordKind(c.kind)) return { ok: false, error: 'kind: unknown record kind' };
  const details = detailsSchema(c.kind).safeParse(input);
  if (!details.success) return { ok: false, error: describeDetailsError(c.kind, details.error) };
  if (Date.parse(c.approvedAt) > now.getTime() + DAY_MS) return { ok: false, error: 'approvedAt: a record cannot be approved in the future.' };
  if (c.expiresAt && Date.parse(c.expiresAt) <= Date.parse(c.approvedAt)) return { ok: false, error: 'expiresAt: must be after approvedAt.' };
  if (file) {
    const problem = checkUpload(file);
    if (problem) return { ok: false, error: problem };
  }

  const org = actor.organizationId;
  if (c.scopeType === 'organization' && c.scopeId) return { ok: false, error: 'scopeId: leave it empty for an organisation-wide record.' };
  if (c.scopeType === 'instance' && !(c.scopeId && (await db().instance.findFirst({ where: { id: c.scopeId, organizationId: org } })))) {
    return { ok: false, error: 'scopeId: choose an instance of your organisation.' };
  }
  if (c.scopeType === 'connection' && !(c.scopeId && (await db().connection.findFirst({ where: { id: c.scopeId, organizationId: org } })))) {
    return { ok: false, error: 'scopeId: choose a connection of your organisation.' };
  }
  if (c.reviewerId && !(await db().user.findFirst({ where: { id: c.reviewerId, organizationId: org } }))) {
    return { ok: false, error: 'reviewerId: choose a reviewer from your organisation.' };
  }
  if (c.supersedesId) {
    const old = await db().processRecord.findFirst({ where: { id: c.supersedesId, organizationId: org } });
    if (!old) return { ok: false, error: 'supersedesId: no such record in your organisation.' };
    if (old.kind !== c.kind) return { ok: false, error: `supersedesId: a new version must be of the same kind (${old.kind}).` };
    if (old.supersededAt) return { ok: false, error: 'supersedesId: that record was already superseded; correct its newest version.' };
  }

  const record = await db().$transaction(async (tx) => {
    const created = await tx.processRecord.create({
      data: {
        organizationId: org,
        kind: c.kind,
        scopeType: c.scopeType,
        scopeId: c.scopeId ?? null,
        title: c.title,
        reviewerId: c.reviewerId ?? null,
        approvedAt: new Date(c.approvedAt),
        expiresAt: c.expiresAt ? new Date(c.expiresAt) : null,
        details: details.data as object,
        notes: c.notes,
        createdById: actor.id,
        supersedesId: c.supersedesId ?? null,
      },
    });
    if (c.supersedesId) await tx.processRecord.update({ where: { id: c.supersedesId }, data: { supersededAt: now } });
    return created;
  });
  const stored = file ? await storeAttachment({ organizationId: org, ownerType: 'process_record', ownerId: record.id, file, createdById: actor.id }) : null;
  await recordAudit(actor, {
    action: c.supersedesId ? 'record.supersede' : 'record.create',
    targetType: 'process_record',
    targetId: record.id,
    outcome: 'success',
    detail: { kind: c.kind, scopeType: c.scopeType, scopeId: c.scopeId ?? null, supersedes: c.supersedesId ?? null, attachmentSha256: stored?.ok ? stored.attachment.sha256 : null },
  });
  return { ok: true, recordId: record.id, attachmentId: stored?.ok ? stored.attachment.id : null };
}
