// Runs every instance of a scan run through the scanner and stores, per instance, the facts
// snapshot (itself evidence) and the control results — one transaction each, so a crash never
// leaves half an instance stored.
import { mapWithConcurrency } from '@/lib/concurrency/bounded';
import { cloudConnectionOf, executeCloudScan } from '../cloud-scans/execute-cloud-scan';
import { fingerprintKey as storedFingerprintKey } from '../crypto/fingerprint-key';
import { db } from '../db/client';
import { loadControlRecords } from '../records/load-control-records';
import { resolveTarget, scanTarget, TargetError } from '../scan';
import { organizationThresholds } from './organization-thresholds';
import { instanceThresholds } from './instance-thresholds';
import { keyspaceProgressRecorder } from './keyspace-progress';
import { latestFacts, storeAssessment } from './store-assessment';
import { targetInputFor } from './target-for-instance';

const CONCURRENCY = 4;

interface RunError {
  instanceId: string;
  error: string;
}

export async function executeScanRun(runId: string): Promise<void> {
  const previous = await db().scanRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true, scope: true } });
  // A cloud account or project is scanned as a whole: inventory first, then every resource.
  if (cloudConnectionOf(previous.scope)) return executeCloudScan(runId);
  const run = await db().scanRun.update({ where: { id: runId }, data: { status: 'running', startedAt: previous.startedAt ?? new Date() }, include: { organization: true } });
  const { instanceIds } = run.scope as { instanceIds: string[] };
  // A resumed run (crash, retry) scans only the instances an earlier attempt did not store.
  const stored = new Set((await db().controlResult.findMany({ where: { scanRunId: runId }, distinct: ['instanceId'], select: { instanceId: true } })).map((r) => r.instanceId));
  const instances = await db().instance.findMany({ where: { id: { in: instanceIds.filter((id) => !stored.has(id)) } }, include: { connection: true } });
  const thresholds = organizationThresholds(run.organization.settings);
  const fingerprintKey = await storedFingerprintKey();
  const errors: RunError[] = ((run.errors as unknown as RunError[] | null) ?? []).filter((e) => stored.has(e.instanceId));
  let done = stored.size;

  const keyspaceProgress = keyspaceProgressRecorder(run.id);
  await mapWithConcurrency(instances, CONCURRENCY, async (instance) => {
    try {
      if (!instance.connection) throw new TargetError('the instance has no connection settings');
      const { probe } = resolveTarget(targetInputFor(instance.connection));
      const effective = instanceThresholds(thresholds, instance.thresholdOverrides);
      const result = await scanTarget(probe, {
        thresholds: effective,
        // Keys (TTL policy, PHI in key names) on every scan; values only where the policy opts in.
        keyspace: effective.keyspaceReadValues && effective.valueSampleRate > 0 ? 'values' : 'keys',
        onKeyspaceProgress: (_target, p) => keyspaceProgress.update(instance.id, instance.name, p),
        fingerprintKey,
        context: {
          previousFacts: await latestFacts(instance.id),
          records: await loadControlRecords(instance),
          instance: { id: instance.id, environment: instance.environment ?? undefined, classification: instance.classification ?? undefined, tags: instance.tags as Record<string, string> },
        },
      });
      await storeAssessment(run.id, instance.id, { facts: result.facts, collectedAt: new Date(result.startedAt), results: result.results, engine: result.engine });
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
