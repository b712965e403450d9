// Builders for the posture tests: stored results of a pretend scan, recorded into the rollups in
// the same transaction the way lib/scan-runs/execute-scan-run.ts does it.
import { db } from '@/lib/db/client';
import type { ControlStatus } from '@/lib/controls/types';
import { recordInstancePosture } from '@/lib/posture/record-instance-posture';

export async function createInstance(organizationId: string, name: string, extra: { provider?: string; platform?: string; account?: string; region?: string } = {}) {
  return db().instance.create({
    data: { organizationId, provider: extra.provider ?? 'self', platform: extra.platform ?? 'self', account: extra.account, region: extra.region, resourceId: `redis://10.0.0.1:6379/${name}`, name, tags: {} },
  });
}

/** Stores one scan of an instance (results with an evidence pointer each) and records its posture. */
export async function storeScan(organizationId: string, instanceId: string, evaluatedAt: Date, statuses: Record<string, ControlStatus>) {
  const run = await db().scanRun.create({ data: { organizationId, trigger: 'manual', scope: { instanceIds: [instanceId] }, status: 'succeeded', errors: [] } });
  const snapshot = await db().factsSnapshot.create({ data: { scanRunId: run.id, instanceId, platform: 'self', collectedAt: evaluatedAt, facts: {}, sha256: 'a'.repeat(64) } });
  const results = Object.entries(statuses).map(([controlId, status]) => ({ controlId, status, severity: 'high' }));
  await db().$transaction(async (tx) => {
    await tx.controlResult.createMany({
      data: results.map((r) => ({
        scanRunId: run.id,
        instanceId,
        snapshotId: snapshot.id,
        controlId: r.controlId,
        status: r.status,
        severity: r.severity,
        observed: {},
        expected: 'x',
        reason: r.status === 'pass' ? null : `reason for ${r.status}`,
        evidenceRefs: [`facts/${snapshot.id}#/config/${r.controlId}`],
        evaluatedAt,
      })),
    });
    await recordInstancePosture(tx, { instanceId, snapshotId: snapshot.id, evaluatedAt, results });
  });
  return { runId: run.id, snapshotId: snapshot.id };
}

export async function rollupRows(organizationId: string) {
  return db().postureDaily.findMany({
    where: { organizationId },
    orderBy: [{ day: 'asc' }, { controlId: 'asc' }],
    select: { day: true, controlId: true, pass: true, fail: true, error: true, notAssessable: true, notApplicable: true },
  });
}

export async function latestRows(organizationId: string) {
  return db().latestControlResult.findMany({
    where: { organizationId },
    orderBy: [{ instanceId: 'asc' }, { controlId: 'asc' }],
    select: { instanceId: true, controlId: true, status: true, severity: true, snapshotId: true, evaluatedAt: true },
  });
}

export const at = (day: string, time = '06:00:00') => new Date(`${day}T${time}Z`);
