// Stores an uploaded file for a drill or process record: size-limited, hashed, written under the
// app data dir, then registered. The caller has already checked that the owner is in the organisation.
import { createId } from './ids';
import { db } from '../db/client';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentRelativePath,
  removeAttachmentFile,
  safeFilename,
  sha256Hex,
  writeAttachmentFile,
  type AttachmentOwnerType,
} from './attachment-storage';

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export type StoreAttachmentResult =
  | { ok: true; attachment: { id: string; filename: string; sha256: string; size: number } }
  | { ok: false; error: string };

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

export function checkUpload(file: UploadedFile): string | null {
  if (file.bytes.byteLength === 0) return `file: "${file.name}" is empty; choose the document itself.`;
  if (file.bytes.byteLength > ATTACHMENT_MAX_BYTES) {
    return `file: "${file.name}" is ${(file.bytes.byteLength / 1048576).toFixed(1)} MB; the limit is ${ATTACHMENT_MAX_BYTES / 1048576} MB. Upload a smaller export (e.g. the signed pages as PDF).`;
  }
  return null;
}

export async function storeAttachment(input: {
  organizationId: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  file: UploadedFile;
  createdById: string | null;
}): Promise<StoreAttachmentResult> {
  const problem = checkUpload(input.file);
  if (problem) return { ok: false, error: problem };
  const id = createId();
  const storagePath = attachmentRelativePath(input.organizationId, id);
  const sha256 = sha256Hex(input.file.bytes);
  await writeAttachmentFile(storagePath, input.file.bytes);
  try {
    const row = await db().attachment.create({
      data: {
        id,
        organizationId: input.organizationId,
        ownerType: input.ownerType,
        ownerId: input.ownerId,
        filename: safeFilename(input.file.name),
        mediaType: MEDIA_TYPE.test(input.file.type) ? input.file.type : 'application/octet-stream',
        size: input.file.bytes.byteLength,
        sha256,
        storagePath,
        createdById: input.createdById,
      },
    });
    return { ok: true, attachment: { id: row.id, filename: row.filename, sha256: row.sha256, size: row.size } };
  } catch (err) {
    await removeAttachmentFile(storagePath);
    throw err;
  }
}
