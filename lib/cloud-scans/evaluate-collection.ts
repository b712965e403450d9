// A cloud collection through the control engine: every listed resource evaluated with the rest of
// the collection as its fleet (RED-NET-006). Resources of a source in `error` are not assessed:
// their scope could not be enumerated completely, so each control that covers the platform is
// error / not_assessable with the source's reason (never a pass, never a fail). Shared by the CLI
// and the app.

import type { CloudCollection, CloudResource, Source } from '@/lib/cloud/collect';
import { controlMeta, evaluateControls } from '@/lib/controls';
import type { EvaluationContext, FleetMember } from '@/lib/controls/context';
import type { ControlResult } from '@/lib/controls/types';
import { sourceLabel, sourceOf, sourceOutcome, sourceReason } from './source-status';

export interface EvaluatedResource {
  /** Stable key of the resource: `aws:<arn or account/region/id>` / the Google resource name. */
  key: string;
  facts: CloudResource;
  source: Source | undefined;
  /** `error`: the resource's scope could not be enumerated completely, so it was not assessed. */
  status: 'ok' | 'error';
  error?: string;
  results: ControlResult[];
}

/** The provider's own id, unique across accounts and regions (the app's Instance.resourceId). */
export function resourceKey(resource: CloudResource): string {
  return resource.provider === 'gcp' ? resource.resourceId : (resource.arn ?? `arn:aws:elasticache:${resource.region}:${resource.account}:${resource.kind}:${resource.resourceId}`);
}

/** Engine name and version as the describe responses give them (null when they do not). */
export function engineOf(resource: CloudResource): { name: 'redis' | 'valkey'; version: string } | null {
  const named = (name: string | null | undefined, version: string | null | undefined): { name: 'redis' | 'valkey'; version: string } | null =>
    (name === 'redis' || name === 'valkey') && version ? { name, version } : null;
  switch (resource.platform) {
    case 'ms':
      return resource.instance.ok ? named('redis', resource.instance.value.redisVersion) : null;
    case 'ecs':
      return resource.settings.ok ? named(resource.settings.value.Engine, resource.settings.value.FullEngineVersion ?? resource.settings.value.MajorEngineVersion) : null;
    case 'ec': {
      const member = resource.members.ok ? resource.members.value.clusters[0] : undefined;
      return member ? named(member.Engine, member.EngineVersion) : null;
    }
  }
}

/** Every control that covers the platform: error / not_assessable with the source's reason. */
function notAssessed(results: ControlResult[], resource: CloudResource, source: Source): ControlResult[] {
  const status = sourceOutcome(source);
  const reason = `not assessed: ${sourceLabel(source)} could not be enumerated completely (${sourceReason(source)})`;
  return results.map((r) =>
    controlMeta(r.controlId).platforms.includes(resource.platform) ? { ...r, status, observed: null, reason, dependsOn: undefined, evidenceRefs: [] } : r,
  );
}

export interface EvaluateCollectionOptions {
  thresholds: EvaluationContext['thresholds'];
  now: Date;
  /** Per-resource context from the caller's records (app: previous snapshot, records, overrides). */
  contextFor?: (key: string, resource: CloudResource) => Partial<Omit<EvaluationContext, 'thresholds' | 'now'>>;
  /** Snapshots of instances outside this collection to compare with (app: the rest of the inventory). */
  extraFleet?: FleetMember[];
}

export function evaluateCollection(collection: CloudCollection, options: EvaluateCollectionOptions): EvaluatedResource[] {
  const keyed = collection.resources.map((facts) => ({ key: resourceKey(facts), facts }));
  const fleet: FleetMember[] = [...keyed.map(({ key, facts }) => ({ instanceId: key, facts })), ...(options.extraFleet ?? [])];
  return keyed.map(({ key, facts }) => {
    const source = sourceOf(collection.sources, facts);
    const extra = options.contextFor?.(key, facts) ?? {};
    const results = evaluateControls(facts, {
      fleet,
      ...extra,
      instance: { id: key, ...extra.instance },
      thresholds: options.thresholds,
      now: options.now,
    });
    if (source?.status === 'error') {
      return { key, facts, source, status: 'error', error: `${sourceLabel(source)}: ${sourceReason(source)}`, results: notAssessed(results, facts, source) };
    }
    return { key, facts, source, status: 'ok', results };
  });
}
