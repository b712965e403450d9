// Scheduler test fixtures: real redis-server targets registered as self-hosted instances, seeded
// with keys so that a throttled keyspace audit makes each scan last a little while.
import Redis from 'ioredis';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { db } from '@/lib/db/client';
import { startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';

export async function startTargets(organizationId: string, count: number, keys = 0, prefix = 'target') {
  const sandboxes: StartedSandbox[] = [];
  const instanceIds: string[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const sandbox = await startSandbox('insecureDefaults');
      sandboxes.push(sandbox);
      if (keys > 0) {
        const client = new Redis(sandbox.port, '127.0.0.1');
        const pipeline = client.pipeline();
        for (let k = 0; k < keys; k += 1) pipeline.set(`item:${k}`, 'x');
        await pipeline.exec();
        client.disconnect();
      }
      const { instance } = await saveSelfTarget(null, { organizationId, name: `${prefix}-${i}`, config: { url: sandbox.url, environment: 'production' }, secrets: {}, tags: { tier: i % 2 === 0 ? 'even' : 'odd' } });
      instanceIds.push(instance.id);
    }
  } catch (err) {
    await Promise.allSettled(sandboxes.map((s) => s.stop()));
    throw err;
  }
  return { instanceIds, stop: async () => void (await Promise.allSettled(sandboxes.map((s) => s.stop()))) };
}

/** No duplicates anywhere findings live: one finding per (instance, control), one "detected" each. */
export async function findingsIntegrity(organizationId: string) {
  const findings = await db().finding.findMany({ where: { organizationId }, include: { events: true } });
  const keys = findings.map((f) => `${f.instanceId}|${f.controlId}`);
  return {
    findings: findings.length,
    distinct: new Set(keys).size,
    detectedEvents: findings.map((f) => f.events.filter((e) => e.kind === 'detected').length),
  };
}

/** What the latest stored results of each instance say should be failing. */
export async function latestFails(instanceIds: string[]) {
  const fails = new Set<string>();
  for (const instanceId of instanceIds) {
    const latest = await db().factsSnapshot.findFirst({ where: { instanceId }, orderBy: { collectedAt: 'desc' } });
    if (!latest) continue;
    for (const r of await db().controlResult.findMany({ where: { snapshotId: latest.id, status: 'fail' } })) fails.add(`${instanceId}|${r.controlId}`);
  }
  return fails;
}
