import type { Collected } from '../../facts/common';
import type { CloudFacts, EvaluationContext } from '../context';
import { defineControl } from '../define-control';
import { instanceRef } from '../support/cloud';
import { missingCheck, ptr } from '../support/facts';
import { inventoryRef, resolveClassification, resolveEnvironment, withFactTags, type Resolved } from '../support/inventory';
import { combine, failed, passed, undecided, type Check, type Verdict } from '../support/verdict';
import type { InstanceMetadata } from '../types';

interface Sources {
  /** The provider's tags/labels as collected (null for self-hosted: tags are inventory fields). */
  tags: Collected<unknown> | null;
  tagsRef: string | null;
  description: string | null | undefined;
  /** Ids a description must not merely repeat. */
  ids: string[];
}

/** Environment and classification both resolved; a missing description is advisory only. */
function classification(instance: InstanceMetadata | undefined, ctx: Pick<EvaluationContext, 'thresholds'>, sources: Sources): Verdict {
  const check = (name: string, resolved: Resolved, field: string): Check => {
    if (resolved.value) {
      const ref = resolved.from === 'override' || !sources.tagsRef ? inventoryRef(field) : sources.tagsRef;
      return passed(name, { value: resolved.value, from: resolved.from }, [ref]);
    }
    // Tags that could not be read leave the question open (catalog: denied and no override).
    if (sources.tags && !sources.tags.ok) return missingCheck(name, sources.tags, sources.tagsRef ?? inventoryRef(field));
    return failed(name, null, `${name} not set (no override, no matching tag)`, [inventoryRef(field), ...(sources.tagsRef ? [sources.tagsRef] : [])]);
  };
  const verdict = combine([
    check('environment', resolveEnvironment(instance, ctx), 'environment'),
    check('classification', resolveClassification(instance, ctx), 'classification'),
  ]);
  const text = sources.description?.trim();
  const advisory = !text || sources.ids.includes(text) ? 'description missing or equal to the id' : null;
  return advisory ? { ...verdict, observed: { ...(verdict.observed as object), advisory } } : verdict;
}

function cloudSources(facts: CloudFacts): Sources {
  switch (facts.platform) {
    case 'ms':
      return {
        tags: facts.instance,
        tagsRef: instanceRef('labels'),
        description: facts.instance.ok ? facts.instance.value.displayName : null,
        ids: [facts.resourceId, facts.resourceId.split('/').pop() ?? ''],
      };
    default:
      return { tags: facts.tags, tagsRef: ptr('tags'), description: facts.settings.ok ? facts.settings.value.Description : null, ids: [facts.resourceId] };
  }
}

const cloud = (facts: CloudFacts, ctx: Pick<EvaluationContext, 'thresholds' | 'instance'>) =>
  classification(withFactTags(facts, ctx.instance), ctx, cloudSources(facts));

export default defineControl('RED-INV-001', {
  expected: (t) =>
    `environment and data classification both set (override, or tags ${[...t.environmentTagKeys, ...t.classificationTagKeys].join(', ')})`,
  self(_facts, ctx) {
    if (!ctx.instance) {
      return combine([undecided('inventory', 'not_assessable', 'no inventory record supplied for this instance', [inventoryRef('')])]);
    }
    return classification(ctx.instance, ctx, { tags: null, tagsRef: null, description: ctx.instance.description, ids: ctx.instance.id ? [ctx.instance.id] : [] });
  },
  ec: cloud,
  ecs: cloud,
  ms: cloud,
});
