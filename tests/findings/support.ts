// Builders for findings tests: an organisation with staff, an instance, and stored results of a
// pretend scan reconciled the way execute-scan-run does it (same transaction as the results).
import { db } from '@/lib/db/client';
import { reconcileFindings } from '@/lib/findings/reconcile-findings';
import type { ControlStatus, Severity } from '@/lib/controls/types';
import type { ActingUser } from '@/lib/findings/acting-user';
import type { Role } from '@/lib/auth/roles';

export async function createStaff(organizationId: string, role: Role, name = `${role} ${Math.random().toString(36).slice(2, 6)}`): Promise<ActingUser> {
  const user = await db().user.create({ data: { organizationId, email: `${name.replace(/\s/g, '-')}@example.test`, name, role } });
  return { id: user.id, email: user.email, organizationId, role };
}

export async function createInstance(organizationId: string, name = `cache-${Math.random().toString(36).slice(2, 6)}`) {
  return db().instance.create({ data: { organizationId, provider: 'self', platform: 'self', resourceId: `redis://10.0.0.1:6379/${name}`, name, tags: {} } });
}

export interface PretendResult {
  controlId: string;
  status: ControlStatus;
  severity?: Severity;
}

/** Stores one scan's results for an instance and reconciles its findings in one transaction. */
export async function storeScan(organizationId: string, instanceId: string, evaluatedAt: Date, results: PretendResult[], runId?: string) {
  const run = runId
    ? { id: runId }
    : await db().scanRun.create({ data: { organizationId, trigger: 'manual', scope: { instanceIds: [instanceId] }, status: 'succeeded', errors: [] } });
  const full = results.map((r) => ({ controlId: r.controlId, status: r.status, severity: r.severity ?? 'high' }));
  return db().$transaction(async (tx) => {
    await tx.controlResult.createMany({
      data: full.map((r) => ({ scanRunId: run.id, instanceId, controlId: r.controlId, status: r.status, severity: r.severity, observed: {}, expected: 'x', evidenceRefs: [], evaluatedAt })),
    });
    return { runId: run.id, summary: await reconcileFindings(tx, { scanRunId: run.id, instanceId, evaluatedAt, results: full }) };
  });
}

export const DAY = 86_400_000;
export const daysAfter = (t: Date, days: number) => new Date(t.getTime() + days * DAY);
