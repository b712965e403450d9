// Keeps the inventory of one cloud connection in step with a collection: an Instance row per
// resource (keyed by provider + resource id), an InstanceChange for each resource that is new,
// changed (naming the fields) or gone. A resource is gone only when its scope was enumerated
// completely this run; one whose scope failed is kept (never dropped) and reported as not assessed.
// A gone resource keeps its history (snapshots, results, changes) and comes back if seen again.
import type { CloudCollection, CloudResource, Source } from '@/lib/cloud/collect';
import { db } from '@/lib/db/client';
import { engineOf, resourceKey } from './evaluate-collection';
import { removeInstancePosture } from '@/lib/posture/remove-instance-posture';

/** The inventory fields a cloud resource carries, compared between runs. */
export interface InventoryFields {
  name: string;
  platform: string;
  account: string;
  region: string;
  arn: string | null;
  engine: string | null;
  engineVersion: string | null;
  tags: Record<string, string>;
}

export function inventoryFields(resource: CloudResource): InventoryFields {
  const engine = engineOf(resource);
  const common = { platform: resource.platform, engine: engine?.name ?? null, engineVersion: engine?.version ?? null };
  if (resource.provider === 'gcp') {
    const instance = resource.instance.ok ? resource.instance.value : null;
    return {
      ...common,
      name: instance?.displayName ?? resource.resourceId.split('/').pop() ?? resource.resourceId,
      account: resource.project,
      region: resource.location,
      arn: null,
      tags: instance?.labels ?? {},
    };
  }
  return { ...common, name: resource.resourceId, account: resource.account, region: resource.region, arn: resource.arn, tags: resource.tags.ok ? resource.tags.value : {} };
}

const COMPARED = ['name', 'platform', 'account', 'region', 'arn', 'engine', 'engineVersion', 'tags'] as const;

function changedFields(before: Record<(typeof COMPARED)[number], unknown>, after: InventoryFields) {
  return COMPARED.filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)).map((field) => ({
    field,
    before: before[field] ?? null,
    after: after[field] ?? null,
  }));
}

/** The source that enumerated an instance's scope (an account-wide AWS failure covers every region). */
function scopeSource(sources: Source[], instance: { provider: string; account: string | null; region: string | null }): Source | undefined {
  return sources.find(
    (s) => s.provider === instance.provider && s.account === instance.account && (s.provider === 'gcp' || s.region === instance.region || s.region === '*'),
  );
}

export interface NotAssessedInstance {
  instanceId: string;
  platform: string;
  source: Source;
}

export interface SyncedInventory {
  /** Resource key → instance id. */
  instanceIds: Map<string, string>;
  /** Known instances not listed this run because their scope could not be enumerated. */
  notAssessed: NotAssessedInstance[];
  counts: { new: number; changed: number; gone: number };
}

export async function syncInventory(input: { organizationId: string; connectionId: string; scanRunId: string; collection: CloudCollection; now: Date }): Promise<SyncedInventory> {
  const { organizationId, connectionId, scanRunId, collection, now } = input;
  const known = await db().instance.findMany({ where: { organizationId, connectionId } });
  const byResourceId = new Map(known.map((i) => [`${i.provider}\u0000${i.resourceId}`, i]));
  const instanceIds = new Map<string, string>();
  const counts = { new: 0, changed: 0, gone: 0 };

  for (const resource of collection.resources) {
    const key = resourceKey(resource);
    const fields = inventoryFields(resource);
    const existing =
      byResourceId.get(`${resource.provider}\u0000${key}`) ??
      (await db().instance.findUnique({ where: { organizationId_provider_resourceId: { organizationId, provider: resource.provider, resourceId: key } } }));
    await db().$transaction(async (tx) => {
      if (!existing) {
        const created = await tx.instance.create({
          data: { organizationId, connectionId, provider: resource.provider, resourceId: key, ...fields, firstSeenAt: now, lastSeenAt: now },
        });
        await tx.instanceChange.create({ data: { instanceId: created.id, scanRunId, kind: 'new', fields: fields as object, at: now } });
        instanceIds.set(key, created.id);
        counts.new += 1;
        return;
      }
      const changes = changedFields(existing as unknown as Record<(typeof COMPARED)[number], unknown>, fields);
      await tx.instance.update({ where: { id: existing.id }, data: { ...fields, connectionId, lastSeenAt: now, goneAt: null } });
      if (existing.goneAt) {
        await tx.instanceChange.create({ data: { instanceId: existing.id, scanRunId, kind: 'new', fields: { returned: true, goneSince: existing.goneAt.toISOString(), changes } as object, at: now } });
        counts.new += 1;
      } else if (changes.length) {
        await tx.instanceChange.create({ data: { instanceId: existing.id, scanRunId, kind: 'changed', fields: changes as object[], at: now } });
        counts.changed += 1;
      }
      instanceIds.set(key, existing.id);
    });
  }

  const listed = new Set(instanceIds.values());
  const notAssessed: NotAssessedInstance[] = [];
  for (const instance of known.filter((i) => !listed.has(i.id) && !i.goneAt)) {
    const source = scopeSource(collection.sources, instance);
    // Not scanned this run (region or project no longer configured): nothing can be said.
    if (!source) continue;
    if (source.status === 'error') {
      notAssessed.push({ instanceId: instance.id, platform: instance.platform, source });
      continue;
    }
    // A gone resource keeps its history but leaves today's posture figures.
    await db().$transaction(async (tx) => {
      await tx.instance.update({ where: { id: instance.id }, data: { goneAt: now } });
      await tx.instanceChange.create({ data: { instanceId: instance.id, scanRunId, kind: 'gone', fields: { scope: `${source.provider} ${source.account} ${source.region}` }, at: now } });
      await removeInstancePosture(tx, instance.id, now);
    });
    counts.gone += 1;
  }
  return { instanceIds, notAssessed, counts };
}
