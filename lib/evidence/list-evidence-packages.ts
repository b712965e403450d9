// Packages of the organisation for the Evidence page: filtered, sorted and paged in the database
// (newest first by default). Auditors see only packages whose period lies inside their access
// window (the only ones they may download) — the same rule as periodAccessDecision, as a query.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { pageQueryShape, pageWindow, type Page } from '../paging/page-query';
import { periodOfRow, type EvidencePeriod } from './period';
import type { WindowHolder } from './period-access';
import { describeScope, evidenceScopeSchema } from './scope';

export const PACKAGE_SORTS = ['created', 'period', 'status'] as const;
export const PACKAGE_STATUSES = ['queued', 'building', 'ready', 'failed'] as const;

export const packagesQuerySchema = z.object({
  ...pageQueryShape(PACKAGE_SORTS, 'created', 'desc'),
  status: z.enum(PACKAGE_STATUSES, { error: `status must be one of ${PACKAGE_STATUSES.join(', ')}` }).optional(),
});
export type PackagesQuery = z.infer<typeof packagesQuerySchema>;

export interface EvidencePackageRow {
  id: string;
  period: EvidencePeriod;
  scope: string;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  size: number | null;
  evidenceDigest: string | null;
  requestedBy: string;
  createdAt: Date;
}

/** Periods a viewer may see: any for staff; for an auditor, inside validFrom … validUntil (none without validUntil). */
function visiblePeriods(viewer: WindowHolder): Prisma.EvidencePackageWhereInput {
  if (viewer.role !== 'auditor') return {};
  if (!viewer.validUntil) return { id: { in: [] } };
  // The period's last instant (periodTo is exclusive) must not pass validUntil.
  return { periodTo: { lte: new Date(viewer.validUntil.getTime() + 1) }, ...(viewer.validFrom ? { periodFrom: { gte: viewer.validFrom } } : {}) };
}

type Dir = 'asc' | 'desc';
const ORDER: Record<PackagesQuery['sort'], (dir: Dir) => Prisma.EvidencePackageOrderByWithRelationInput[]> = {
  created: (dir) => [{ createdAt: dir }, { id: dir }],
  period: (dir) => [{ periodFrom: dir }, { periodTo: dir }, { createdAt: 'desc' }],
  status: (dir) => [{ status: dir }, { createdAt: 'desc' }],
};

export async function listEvidencePackagesPage(organizationId: string, viewer: WindowHolder, query: PackagesQuery): Promise<Page<EvidencePackageRow>> {
  const where: Prisma.EvidencePackageWhereInput = { organizationId, ...visiblePeriods(viewer), ...(query.status ? { status: query.status } : {}) };
  const total = await db().evidencePackage.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const found = await db().evidencePackage.findMany({
    where,
    orderBy: ORDER[query.sort](query.dir),
    skip,
    take: query.size,
    select: { id: true, periodFrom: true, periodTo: true, scope: true, status: true, progress: true, stage: true, error: true, size: true, evidenceDigest: true, requestedById: true, createdAt: true },
  });
  const users = await db().user.findMany({ where: { organizationId, id: { in: [...new Set(found.map((r) => r.requestedById))] } }, select: { id: true, email: true } });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const rows = found.map((row) => {
    const scope = evidenceScopeSchema.safeParse(row.scope);
    return {
      id: row.id,
      period: periodOfRow(row),
      scope: scope.success ? describeScope(scope.data) : 'unreadable scope',
      status: row.status,
      progress: row.progress,
      stage: row.stage,
      error: row.error,
      size: row.size,
      evidenceDigest: row.evidenceDigest,
      requestedBy: emails.get(row.requestedById) ?? row.requestedById,
      createdAt: row.createdAt,
    };
  });
  return { rows, total, page, size: query.size };
}
