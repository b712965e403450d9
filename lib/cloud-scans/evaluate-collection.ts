// A cloud collection through the control engine: every listed resource evaluated with the rest of
// the collection as its fleet (RED-NET-006). Resources of a source in `error` are not assessed:
// their scope could not be enumerated completely, so each control that covers the platform is
// error / not_assessable with the source's reason (never a pass, never a fail). Shared by the CLI
// and the app.

import type { CloudCollection, CloudResource, Source } from '@/lib/cloud/collect';
import { CATALOG, controlDefinition, controlMeta, evaluateControls, frameworksFor, type Thresholds } from '@/lib/controls';
import type { EvaluationContext, FleetMember } from '@/lib/controls/context';
import type { ControlResult, Platform } from '@/lib/controls/types';
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
  if (resource.provider === 'gcp') return resource.resourceId;
  return resource.arn ?? `arn:aws:elasticache:${resource.region}:${resource.account}:${ARN_TYPES[resource.kind]}:${resource.resourceId}`;
}

/** ElastiCache ARN resource types, for the rare describe response without an ARN. */
const ARN_TYPES = { 'replication-group': 'replicationgroup', 'cache-cluster': 'cluster', 'serverless-cache': 'serverlesscache' } as const;

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

const notAssessedReason = (source: Source) => `not assessed: ${sourceLabel(source)} could not be enumerated completely (${sourceReason(source)})`;

/** Every control that covers the platform: error / not_assessable with the source's reason. */
function notAssessed(results: ControlResult[], platform: Platform, source: Source): ControlResult[] {
  const status = sourceOutcome(source);
  const reason = notAssessedReason(source);
  return results.map((r) =>
    controlMeta(r.controlId).platforms.includes(platform) ? { ...r, status, observed: null, reason, dependsOn: undefined, evidenceRefs: [] } : r,
  );
}

/**
 * Results for a known resource its scope's listing did not return this run (the scope failed):
 * every evaluated control of its platform not assessed, with the source's reason.
 */
export function notAssessedResults(platform: Platform, source: Source, thresholds: Thresholds): ControlResult[] {
  const results = CATALOG.flatMap((meta): ControlResult[] => {
    const definition = controlDefinition(meta.id);
    if (meta.platforms.includes(platform) && !definition?.evaluatedPlatforms.includes(platform)) return [];
    const base = { controlId: meta.id, title: meta.title, severity: meta.severity, observed: null, evidenceRefs: [], frameworks: frameworksFor(meta.id) };
    if (!meta.platforms.includes(platform)) {
      return [{ ...base, status: 'not_applicable', expected: meta.passes, reason: meta.notApplicable[platform] ?? `${meta.id} does not cover platform ${platform}` }];
    }
    return [{ ...base, status: 'error', expected: definition!.expected(thresholds, platform) }];
  });
  return notAssessed(results, platform, source);
}

export interface EvaluateCollectionOptions {
  thresholds: EvaluationContext['thresholds'];
  now: Date;
  /** Per-resource context from the caller's records (app: previous snapshot, records, overrides, instance thresholds). */
  contextFor?: (key: string, resource: CloudResource) => Partial<Omit<EvaluationContext, 'now'>>;
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
      thresholds: options.thresholds,
      ...extra,
      instance: { id: key, ...extra.instance },
      now: options.now,
    });
    if (source?.status === 'error') {
      return { key, facts, source, status: 'error', error: `${sourceLabel(source)}: ${sourceReason(source)}`, results: notAssessed(results, facts.platform, source) };
    }
    return { key, facts, source, status: 'ok', results };
  });
}
