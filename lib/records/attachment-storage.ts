// Where attachments live: <app data dir>/attachments/<organisation id>/<attachment id>. Rows store
// the path relative to the data dir (the folder moves with its database) and the SHA-256 of the
// bytes, checked again on every download.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '../app-data/paths';

/** Largest file accepted (the server-action body limit in next.config.js sits above it). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const ATTACHMENT_OWNER_TYPES = ['process_record', 'drill'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function attachmentRelativePath(organizationId: string, attachmentId: string): string {
  return path.posix.join('attachments', organizationId, attachmentId);
}

export function attachmentAbsolutePath(relativePath: string): string {
  const absolute = path.join(dataDir(), ...relativePath.split('/'));
  // A stored path is ours, but never let one step outside the data dir.
  if (!absolute.startsWith(path.join(dataDir(), 'attachments') + path.sep)) throw new Error('attachment path outside the data dir');
  return absolute;
}

/** Writes the bytes (temp file + rename, so a reader never sees half a file). */
export async function writeAttachmentFile(relativePath: string, bytes: Uint8Array): Promise<void> {
  const target = attachmentAbsolutePath(relativePath);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${randomUUID()}.part`;
  await writeFile(temp, bytes, { mode: 0o600 });
  await rename(temp, target);
}

export async function readAttachmentFile(relativePath: string): Promise<Buffer> {
  return readFile(attachmentAbsolutePath(relativePath));
}

export async function removeAttachmentFile(relativePath: string): Promise<void> {
  await rm(attachmentAbsolutePath(relativePath), { force: true });
}

/** A file name safe to store and to offer in Content-Disposition. */
export function safeFilename(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFKC');
  const cleaned = base.replace(/[^\w.\- ()]/g, '_').replace(/^\.+/, '').slice(0, 120).trim();
  return cleaned || 'attachment';
}
