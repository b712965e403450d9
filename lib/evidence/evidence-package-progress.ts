// The state of one package of the caller's organisation (polled while it builds).
import { db } from '../db/client';

export interface EvidencePackageProgress {
  id: string;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  finishedAt: string | null;
}

export async function evidencePackageProgress(organizationId: string, packageId: string): Promise<EvidencePackageProgress | null> {
  const row = await db().evidencePackage.findFirst({ where: { id: packageId, organizationId } });
  if (!row) return null;
  return { id: row.id, status: row.status, progress: row.progress, stage: row.stage, error: row.error, finishedAt: row.finishedAt?.toISOString() ?? null };
}
