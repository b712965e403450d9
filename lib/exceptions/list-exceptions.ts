// Risk exceptions as reports show them: beside the results they cover, never in place of them.
import { db } from '../db/client';
import { controlTitle } from '../findings/finding-payload';

export interface ExceptionRow {
  id: string;
  status: string;
  findingId: string;
  controlId: string;
  title: string;
  instance: { id: string; name: string };
  reason: string;
  compensatingControl: string;
  requestedBy: string;
  approvedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  expiresAt: Date;
}

/** Exceptions of the organisation whose life overlaps the period (all when no period is given). */
export async function listRiskExceptions(organizationId: string, period?: { from: Date; to: Date }): Promise<ExceptionRow[]> {
  const rows = await db().riskException.findMany({
    where: { finding: { organizationId }, ...(period ? { createdAt: { lte: period.to }, expiresAt: { gte: period.from } } : {}) },
    include: { finding: { include: { instance: { select: { id: true, name: true } } } }, requestedBy: { select: { name: true } }, approvedBy: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    findingId: r.findingId,
    controlId: r.finding.controlId,
    title: controlTitle(r.finding.controlId),
    instance: r.finding.instance,
    reason: r.reason,
    compensatingControl: r.compensatingControl,
    requestedBy: r.requestedBy.name,
    approvedBy: r.approvedBy?.name ?? null,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    expiresAt: r.expiresAt,
  }));
}
