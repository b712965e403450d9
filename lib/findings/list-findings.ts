// The findings list with its filters (state, severity, overdue, assignee, instance), newest risk first.
import { z } from 'zod';
import { SEVERITIES } from '../controls/types';
import { db, type Prisma } from '../db/client';
import { controlTitle } from './finding-payload';
import { ACTIVE_STATES, FINDING_STATES } from './lifecycle';
import { isOverdue } from './sla';

export const findingFiltersSchema = z.object({
  state: z.enum([...FINDING_STATES, 'active', 'all']).default('active'),
  severity: z.enum([...SEVERITIES, 'all']).default('all'),
  overdue: z.enum(['yes', 'all']).default('all'),
  assigneeId: z.string().min(1).optional(),
  instanceId: z.string().min(1).optional(),
});
export type FindingFilters = z.infer<typeof findingFiltersSchema>;

export interface FindingRow {
  id: string;
  controlId: string;
  title: string;
  severity: string;
  state: string;
  instance: { id: string; name: string };
  firstDetectedAt: Date;
  dueAt: Date;
  overdue: boolean;
  lastStatus: string | null;
  /** Set when the latest result could not verify the control (error / not assessable). */
  notVerifiedSince: Date | null;
  assignee: { id: string; name: string } | null;
  ticket: { id: string; title: string; status: string } | null;
  exceptionUntil: Date | null;
}

const SEVERITY_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function notVerifiedSince(f: { lastStatus: string | null; lastVerifiedAt: Date | null; firstDetectedAt: Date }): Date | null {
  if (f.lastStatus === null || f.lastStatus === 'pass' || f.lastStatus === 'fail') return null;
  return f.lastVerifiedAt ?? f.firstDetectedAt;
}

export async function listFindings(organizationId: string, filters: Partial<FindingFilters> = {}, now = new Date()): Promise<FindingRow[]> {
  const f = findingFiltersSchema.parse(filters);
  const where: Prisma.FindingWhereInput = { organizationId };
  if (f.state === 'active') where.state = { in: [...ACTIVE_STATES] };
  else if (f.state !== 'all') where.state = f.state;
  if (f.severity !== 'all') where.severity = f.severity;
  if (f.assigneeId) where.assigneeId = f.assigneeId;
  if (f.instanceId) where.instanceId = f.instanceId;
  if (f.overdue === 'yes') {
    where.dueAt = { lt: now };
    if (f.state === 'all') where.state = { in: [...ACTIVE_STATES] };
  }
  const rows = await db().finding.findMany({
    where,
    include: {
      instance: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      ticket: { select: { id: true, title: true, status: true } },
      exceptions: { where: { status: 'approved', expiresAt: { gt: now } }, select: { expiresAt: true }, orderBy: { expiresAt: 'desc' }, take: 1 },
    },
    take: 1000,
  });
  return rows
    .map((r) => ({
      id: r.id,
      controlId: r.controlId,
      title: controlTitle(r.controlId),
      severity: r.severity,
      state: r.state,
      instance: r.instance,
      firstDetectedAt: r.firstDetectedAt,
      dueAt: r.dueAt,
      overdue: isOverdue(r, now),
      lastStatus: r.lastStatus,
      notVerifiedSince: notVerifiedSince(r),
      assignee: r.assignee,
      ticket: r.ticket,
      exceptionUntil: r.exceptions[0]?.expiresAt ?? null,
    }))
    .filter((r) => f.overdue !== 'yes' || r.overdue)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || a.dueAt.getTime() - b.dueAt.getTime());
}
