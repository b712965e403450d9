// Packages of the organisation for the Evidence page, newest first. Auditors see only packages
// whose period lies inside their access window (the only ones they may download).
import { db } from '../db/client';
import { periodOfRow, type EvidencePeriod } from './period';
import { periodAccessDecision, type WindowHolder } from './period-access';
import { describeScope, evidenceScopeSchema } from './scope';

export interface EvidencePackageRow {
  id: string;
  period: EvidencePeriod;
  scope: string;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  size: number | null;
  sha256: string | null;
  evidenceDigest: string | null;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function listEvidencePackages(organizationId: string, viewer: WindowHolder, take = 100): Promise<EvidencePackageRow[]> {
  const rows = await db().evidencePackage.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
  const users = await db().user.findMany({ where: { organizationId, id: { in: [...new Set(rows.map((r) => r.requestedById))] } }, select: { id: true, email: true } });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return rows
    .map((r) => ({ row: r, period: periodOfRow(r) }))
    .filter(({ period }) => periodAccessDecision(viewer, period).allowed)
    .map(({ row, period }) => {
      const scope = evidenceScopeSchema.safeParse(row.scope);
      return {
        id: row.id,
        period,
        scope: scope.success ? describeScope(scope.data) : 'unreadable scope',
        status: row.status,
        progress: row.progress,
        stage: row.stage,
        error: row.error,
        size: row.size,
        sha256: row.sha256,
        evidenceDigest: row.evidenceDigest,
        requestedBy: emails.get(row.requestedById) ?? row.requestedById,
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
      };
    });
}
