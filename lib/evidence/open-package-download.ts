// Hands out a built package for download: the package must belong to the caller's organisation,
// be ready, and (for auditors) cover a period inside their access window. Every download and every
// refusal is written to the app audit log.
import fs from 'node:fs';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { periodOfRow } from './period';
import { periodAccessFor } from './period-access';
import type { EvidenceActor } from './start-evidence-package';
import { downloadName, packageAbsolutePath } from './stored-package';

export type DownloadResult =
  | { ok: true; file: string; fileName: string; size: number; sha256: string }
  | { ok: false; status: 403 | 404 | 409; error: string };

export async function openPackageDownload(actor: EvidenceActor, packageId: string): Promise<DownloadResult> {
  const row = await db().evidencePackage.findFirst({ where: { id: packageId, organizationId: actor.organizationId }, include: { organization: { select: { slug: true } } } });
  if (!row) return { ok: false, status: 404, error: 'No such evidence package in your organisation.' };
  const period = periodOfRow(row);
  const access = await periodAccessFor(actor.id, actor.organizationId, period);
  if (!access.allowed) {
    await recordAudit(actor, { action: 'evidence.download', targetType: 'evidence-package', targetId: row.id, outcome: 'denied', detail: { reason: access.reason } });
    return { ok: false, status: 403, error: access.reason };
  }
  if (row.status !== 'ready' || !row.storagePath || !row.sha256 || row.size === null) {
    return { ok: false, status: 409, error: `The package is not ready (status: ${row.status}).` };
  }
  const file = packageAbsolutePath(row.storagePath);
  if (!fs.existsSync(file)) {
    await recordAudit(actor, { action: 'evidence.download', targetType: 'evidence-package', targetId: row.id, outcome: 'error', detail: { reason: 'stored file missing' } });
    return { ok: false, status: 404, error: 'The stored package file is missing from the app data folder; build the package again.' };
  }
  await recordAudit(actor, { action: 'evidence.download', targetType: 'evidence-package', targetId: row.id, outcome: 'success', detail: { from: period.from, to: period.to, sha256: row.sha256, size: row.size } });
  return { ok: true, file, fileName: downloadName(row.organization.slug, period.from, period.to, row.id), size: row.size, sha256: row.sha256 };
}
