// Counts for the dashboard and the instance page: active findings, overdue ones, by severity.
import { SEVERITIES, type Severity } from '../controls/types';
import { db } from '../db/client';
import { ACTIVE_STATES } from './lifecycle';

export interface FindingsOverview {
  active: number;
  overdue: number;
  bySeverity: Record<Severity, number>;
  riskAccepted: number;
}

export async function findingsOverview(organizationId: string, scope: { instanceId?: string } = {}, now = new Date()): Promise<FindingsOverview> {
  const where = { organizationId, ...(scope.instanceId ? { instanceId: scope.instanceId } : {}) };
  const active = await db().finding.findMany({ where: { ...where, state: { in: [...ACTIVE_STATES] } }, select: { severity: true, dueAt: true } });
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of active) if (f.severity in bySeverity) bySeverity[f.severity as Severity] += 1;
  return {
    active: active.length,
    overdue: active.filter((f) => f.dueAt.getTime() < now.getTime()).length,
    bySeverity,
    riskAccepted: await db().finding.count({ where: { ...where, state: 'risk_accepted' } }),
  };
}
