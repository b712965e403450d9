// A scan run of one cloud connection (an AWS account with its roles and regions, or Google Cloud
// projects): collect → keep the inventory in step (new / changed / gone) → evaluate every resource
// with its previous snapshot, records and the fleet → store each resource's snapshot and results
// through the same storing code as self-hosted scans. Resources whose scope failed are stored as
// not assessed, with the source's reason.
import { collectCloud, type Source } from '@/lib/cloud/collect';
import { mapWithConcurrency } from '@/lib/concurrency/bounded';
import type { FactsSnapshot, FleetMember } from '@/lib/controls/context';
import { db } from '@/lib/db/client';
import { loadControlRecords } from '@/lib/records/load-control-records';
import { instanceThresholds } from '@/lib/scan-runs/instance-thresholds';
import { organizationThresholds } from '@/lib/scan-runs/organization-thresholds';
import { latestFacts, storeAssessment } from '@/lib/scan-runs/store-assessment';
import { collectorInputFor } from './cloud-connection';
import { engineOf, evaluateCollection, notAssessedResults } from './evaluate-collection';
import { describeSources } from './explain-source-error';
import { sourceLabel } from './source-status';
import { syncInventory } from './sync-inventory';

const STORE_CONCURRENCY = 4;

/** The connection a scan run covers, when it is a cloud run (`scope.connectionId`). */
export function cloudConnectionOf(scope: unknown): string | null {
  const connectionId = (scope as { connectionId?: unknown } | null)?.connectionId;
  return typeof connectionId === 'string' ? connectionId : null;
}

/** The latest snapshot of every other instance of the organisation (RED-NET-006 compares with them). */
async function otherInstancesFleet(organizationId: string, exclude: Set<string>): Promise<FleetMember[]> {
  const instances = await db().instance.findMany({ where: { organizationId, goneAt: null }, select: { id: true, environment: true, classification: true, tags: true } });
  const fleet: FleetMember[] = [];
  for (const instance of instances.filter((i) => !exclude.has(i.id))) {
    const facts = await latestFacts(instance.id);
    if (facts) {
      fleet.push({ instanceId: instance.id, facts, instance: { id: instance.id, environment: instance.environment ?? undefined, classification: instance.classification ?? undefined, tags: instance.tags as Record<string, string> } });
    }
  }
  return fleet;
}

function runErrors(sources: Source[]) {
  return sources.filter((s) => s.status !== 'ok').map((s) => ({ instanceId: sourceLabel(s), error: describeSources([s]) }));
}

export async function executeCloudScan(runId: string): Promise<void> {
  const started = await db().scanRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true, scope: true } });
  const run = await db().scanRun.update({ where: { id: runId }, data: { status: 'running', startedAt: started.startedAt ?? new Date() }, include: { organization: true } });
  const connection = await db().connection.findFirstOrThrow({ where: { id: cloudConnectionOf(run.scope)!, organizationId: run.organizationId } });
  const thresholds = organizationThresholds(run.organization.settings);
  const now = new Date();

  const collection = await collectCloud(collectorInputFor(connection));
  const inventory = await syncInventory({ organizationId: run.organizationId, connectionId: connection.id, scanRunId: runId, collection, now });
  const instances = await db().instance.findMany({ where: { id: { in: [...inventory.instanceIds.values()] } } });
  const byId = new Map(instances.map((i) => [i.id, i]));
  await db().scanRun.update({ where: { id: runId }, data: { progressTotal: inventory.instanceIds.size + inventory.notAssessed.length, progressDone: 0 } });

  // The evaluation is pure: everything it reads from the database is loaded first.
  const context = new Map<string, { previousFacts?: FactsSnapshot; records: Awaited<ReturnType<typeof loadControlRecords>> }>();
  for (const instance of instances) context.set(instance.id, { previousFacts: await latestFacts(instance.id), records: await loadControlRecords(instance) });
  const extraFleet = await otherInstancesFleet(run.organizationId, new Set(instances.map((i) => i.id)));

  const evaluated = evaluateCollection(collection, {
    thresholds,
    now: new Date(),
    extraFleet,
    contextFor: (key) => {
      const instance = byId.get(inventory.instanceIds.get(key)!)!;
      return {
        ...context.get(instance.id),
        thresholds: instanceThresholds(thresholds, instance.thresholdOverrides),
        instance: { id: instance.id, environment: instance.environment ?? undefined, classification: instance.classification ?? undefined },
      };
    },
  });

  // A resumed run (crash, retry) stores only the resources an earlier attempt did not.
  const stored = new Set((await db().controlResult.findMany({ where: { scanRunId: runId }, distinct: ['instanceId'], select: { instanceId: true } })).map((r) => r.instanceId));
  let done = stored.size;
  const progress = async () => {
    done += 1;
    await db().scanRun.update({ where: { id: runId }, data: { progressDone: done } });
  };
  await mapWithConcurrency(evaluated.filter((r) => !stored.has(inventory.instanceIds.get(r.key)!)), STORE_CONCURRENCY, async (resource) => {
    await storeAssessment(runId, inventory.instanceIds.get(resource.key)!, {
      facts: resource.facts,
      collectedAt: new Date(resource.facts.collectedAt),
      results: resource.results,
      engine: engineOf(resource.facts),
      instanceUpdate: { lastSeenAt: now },
    });
    await progress();
  });
  for (const missing of inventory.notAssessed.filter((m) => !stored.has(m.instanceId))) {
    await storeAssessment(runId, missing.instanceId, { facts: null, collectedAt: now, results: notAssessedResults(missing.platform as 'ec' | 'ecs' | 'ms', missing.source, thresholds), engine: null });
    await progress();
  }

  const failed = collection.sources.filter((s) => s.status === 'error').length;
  const status = failed === 0 && collection.sources.every((s) => s.status === 'ok') ? 'succeeded' : failed === collection.sources.length ? 'failed' : 'partial';
  await db().scanRun.update({ where: { id: runId }, data: { status, errors: runErrors(collection.sources) as object[], finishedAt: new Date() } });
}
