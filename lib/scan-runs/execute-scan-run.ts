// Runs every instance of a scan run through the scanner and stores, per instance, the facts
// snapshot (itself evidence) and the control results — one transaction each, so a crash never
// leaves half an instance stored.
import crypto from 'node:crypto';
import { mapWithConcurrency } from '../cloud/concurrency';
import type { ControlResult } from '../controls/types';
import { derivedKey } from '../crypto/keys';
import { db } from '../db/client';
import type { SelfHostedFacts } from '../facts/self-hosted';
import { reconcileFindings } from '../findings/reconcile-findings';
import { recordInstancePosture } from '../posture/record-instance-posture';
import { afterSnapshotStored } from '../records/after-snapshot-stored';
import { loadControlRecords } from '../records/load-control-records';
import { resolveTarget, scanTarget, TargetError, type ScanTargetResult } from '../scan';
import { organizationThresholds } from './organization-thresholds';
import { instanceThresholds } from './instance-thresholds';
import { keyspaceProgressRecorder } from './keyspace-progress';
import { targetInputFor } from './target-for-instance';

const CONCURRENCY = 4;

interface RunError {
  instanceId: string;
  error: string;
}

export function factsDigest(facts: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

async function latestFacts(instanceId: string): Promise<SelfHostedFacts | undefined> {
  const previous = await db().factsSnapshot.findFirst({ where: { instanceId }, orderBy: { collectedAt: 'desc' }, select: { facts: true } });
  return (previous?.facts as SelfHostedFacts | undefined) ?? undefined;
}

async function storeResult(runId: string, instanceId: string, result: ScanTargetResult) {
  const evaluatedAt = new Date();
  await db().$transaction(async (tx) => {
    const snapshot = result.facts
      ? await tx.factsSnapshot.create({
          data: { scanRunId: runId, instanceId, platform: 'self', collectedAt: new Date(result.startedAt), facts: result.facts as object, sha256: factsDigest(result.facts) },
        })
      : null;
    await tx.controlResult.createMany({
      data: result.results.map((r: ControlResult) => ({
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
    if (result.engine) await tx.instance.update({ where: { id: instanceId }, data: { engine: result.engine.name, engineVersion: result.engine.version, lastSeenAt: evaluatedAt } });
    await reconcileFindings(tx, { scanRunId: runId, instanceId, evaluatedAt, results: result.results });
    // Dashboards: latest result per control and the day's posture rollup, committed with the results.
    await recordInstancePosture(tx, { instanceId, snapshotId: snapshot?.id ?? null, evaluatedAt, results: result.results });
  });
}

export async function executeScanRun(runId: string): Promise<void> {
  const previous = await db().scanRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true } });
  const run = await db().scanRun.update({ where: { id: runId }, data: { status: 'running', startedAt: previous.startedAt ?? new Date() }, include: { organization: true } });
  const { instanceIds } = run.scope as { instanceIds: string[] };
  // A resumed run (crash, retry) scans only the instances an earlier attempt did not store.
  const stored = new Set((await db().controlResult.findMany({ where: { scanRunId: runId }, distinct: ['instanceId'], select: { instanceId: true } })).map((r) => r.instanceId));
  const instances = await db().instance.findMany({ where: { id: { in: instanceIds.filter((id) => !stored.has(id)) } }, include: { connection: true } });
  const thresholds = organizationThresholds(run.organization.settings);
  const fingerprintKey = derivedKey('fingerprint');
  const errors: RunError[] = ((run.errors as unknown as RunError[] | null) ?? []).filter((e) => stored.has(e.instanceId));
  let done = stored.size;

  const keyspaceProgress = keyspaceProgressRecorder(run.id);
  await mapWithConcurrency(instances, CONCURRENCY, async (instance) => {
    try {
      if (!instance.connection) throw new TargetError('the instance has no connection settings');
      const { probe } = resolveTarget(targetInputFor(instance.connection));
      const result = await scanTarget(probe, {
        thresholds: instanceThresholds(thresholds, instance.thresholdOverrides),
        // The app audits keys (TTL policy, PHI in key names) on every scan; values are not read.
        keyspace: 'keys',
        onKeyspaceProgress: (_target, p) => keyspaceProgress.update(instance.id, instance.name, p),
        fingerprintKey,
        context: {
          previousFacts: await latestFacts(instance.id),
          records: await loadControlRecords(instance),
          instance: { id: instance.id, environment: instance.environment ?? undefined, classification: instance.classification ?? undefined, tags: instance.tags as Record<string, string> },
        },
      });
      await storeResult(run.id, instance.id, result);
      if (result.status === 'error') errors.push({ instanceId: instance.id, error: result.error ?? 'could not be scanned' });
    } catch (err) {
      errors.push({ instanceId: instance.id, error: err instanceof Error ? err.message.slice(0, 300) : 'scan failed' });
    } finally {
      keyspaceProgress.finish(instance.id);
      done += 1;
      await db().scanRun.update({ where: { id: run.id }, data: { progressDone: done, errors: errors as object[] } });
    }
  });
  await keyspaceProgress.close();

  const status = errors.length === 0 ? 'succeeded' : errors.length < instanceIds.length ? 'partial' : 'failed';
  await db().scanRun.update({ where: { id: run.id }, data: { status, errors: errors as object[], finishedAt: new Date() } });
}
