// Stores one instance's assessment from a scan run in one transaction, for every platform: its
// facts snapshot (itself evidence), the control results pointing into it, what the record side
// derives from the snapshot, findings reconciliation and the posture rollup. A crash never leaves
// half an instance stored. Used by self-hosted scans and cloud scans alike.
import crypto from 'node:crypto';
import type { FactsSnapshot } from '../controls/context';
import type { ControlResult } from '../controls/types';
import { db, type Prisma } from '../db/client';
import { reconcileFindings } from '../findings/reconcile-findings';
import { recordInstancePosture } from '../posture/record-instance-posture';
import { afterSnapshotStored } from '../records/after-snapshot-stored';

export function factsDigest(facts: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

export interface InstanceAssessment {
  /** Null when there is nothing to store as evidence (the target input itself was invalid). */
  facts: FactsSnapshot | null;
  collectedAt: Date;
  results: ControlResult[];
  engine: { name: string; version: string } | null;
  /** Further instance fields to update in the same transaction (cloud inventory: lastSeenAt, tags…). */
  instanceUpdate?: Prisma.InstanceUpdateInput;
}

export async function storeAssessment(runId: string, instanceId: string, assessment: InstanceAssessment): Promise<{ snapshotId: string | null }> {
  const evaluatedAt = new Date();
  return db().$transaction(async (tx) => {
    const { facts } = assessment;
    const snapshot = facts
      ? await tx.factsSnapshot.create({
          data: { scanRunId: runId, instanceId, platform: facts.platform, collectedAt: assessment.collectedAt, facts: facts as object, sha256: factsDigest(facts) },
        })
      : null;
    await tx.controlResult.createMany({
      data: assessment.results.map((r) => ({
        scanRunId: runId,
        instanceId,
        snapshotId: snapshot?.id ?? null,
        controlId: r.controlId,
        status: r.status,
        severity: r.severity,
        observed: (r.observed ?? null) as object,
        expected: r.expected,
        reason: r.reason ?? null,
        dependsOn: r.dependsOn ?? null,
        evidenceRefs: snapshot ? r.evidenceRefs.map((ref) => ref.replace(/^facts#/, `facts/${snapshot.id}#`)) : r.evidenceRefs,
        evaluatedAt,
      })),
    });
    if (snapshot) await afterSnapshotStored(tx, snapshot);
    const engine = assessment.engine ? { engine: assessment.engine.name, engineVersion: assessment.engine.version, lastSeenAt: evaluatedAt } : {};
    if (assessment.engine || assessment.instanceUpdate) await tx.instance.update({ where: { id: instanceId }, data: { ...assessment.instanceUpdate, ...engine } });
    await reconcileFindings(tx, { scanRunId: runId, instanceId, evaluatedAt, results: assessment.results });
    // Dashboards: latest result per control and the day's posture rollup, committed with the results.
    await recordInstancePosture(tx, { instanceId, snapshotId: snapshot?.id ?? null, evaluatedAt, results: assessment.results });
    return { snapshotId: snapshot?.id ?? null };
  });
}

/** The instance's latest stored snapshot (the baseline for deltas: MON-*, ROT-002). */
export async function latestFacts(instanceId: string): Promise<FactsSnapshot | undefined> {
  const previous = await db().factsSnapshot.findFirst({ where: { instanceId }, orderBy: { collectedAt: 'desc' }, select: { facts: true } });
  return (previous?.facts as FactsSnapshot | undefined) ?? undefined;
}
