// A download of an attachment: found within the caller's organisation, its bytes checked against
// the SHA-256 recorded at upload, and the access written to the audit log (success or refusal).
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { readAttachmentFile, sha256Hex } from './attachment-storage';

export type OpenAttachmentResult =
  | { ok: true; filename: string; mediaType: string; sha256: string; bytes: Buffer }
  | { ok: false; status: 404 | 500; error: string };

export async function openAttachment(actor: AuditActor & { organizationId: string }, attachmentId: string): Promise<OpenAttachmentResult> {
  const row = await db().attachment.findFirst({ where: { id: attachmentId, organizationId: actor.organizationId } });
  if (!row) return { ok: false, status: 404, error: 'No such attachment in your organisation.' };
  const bytes = await readAttachmentFile(row.storagePath).catch(() => null);
  const sha256 = bytes ? sha256Hex(bytes) : null;
  if (!bytes || sha256 !== row.sha256) {
    const detail = { ownerType: row.ownerType, ownerId: row.ownerId, expectedSha256: row.sha256, foundSha256: sha256 };
    await recordAudit(actor, { action: 'attachment.download', targetType: 'attachment', targetId: row.id, outcome: 'error', detail });
    return { ok: false, status: 500, error: bytes ? 'The stored file no longer matches its recorded SHA-256; it was not served.' : 'The stored file is missing.' };
  }
  await recordAudit(actor, { action: 'attachment.download', targetType: 'attachment', targetId: row.id, outcome: 'success', detail: { ownerType: row.ownerType, ownerId: row.ownerId, sha256, size: row.size } });
  return { ok: true, filename: row.filename, mediaType: row.mediaType, sha256, bytes };
}
