// Environment and data classification of an instance: the app-side override wins, else the first
// tag whose key matches `environmentTagKeys` / `classificationTagKeys` case-insensitively.

import type { EvaluationContext, FactsSnapshot } from '../context';
import type { InstanceMetadata } from '../types';

export interface Resolved {
  value: string | null;
  /** `override`, `tag:<key>`, or null when unresolved. */
  from: string | null;
}

function fromTags(tags: Record<string, string> | undefined, keys: readonly string[]): Resolved {
  const lowerKeys = keys.map((k) => k.toLowerCase());
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (lowerKeys.includes(key.toLowerCase()) && value.trim() !== '') return { value, from: `tag:${key}` };
  }
  return { value: null, from: null };
}

export function resolveEnvironment(instance: InstanceMetadata | undefined, ctx: Pick<EvaluationContext, 'thresholds'>): Resolved {
  if (instance?.environment) return { value: instance.environment, from: 'override' };
  return fromTags(instance?.tags, ctx.thresholds.environmentTagKeys);
}

export function resolveClassification(instance: InstanceMetadata | undefined, ctx: Pick<EvaluationContext, 'thresholds'>): Resolved {
  if (instance?.classification) return { value: instance.classification, from: 'override' };
  return fromTags(instance?.tags, ctx.thresholds.classificationTagKeys);
}

export function isProduction(environment: string, ctx: Pick<EvaluationContext, 'thresholds'>): boolean {
  return ctx.thresholds.productionEnvironments.some((p) => p.toLowerCase() === environment.toLowerCase());
}

/** Unknown classification counts as PHI (catalog RED-INV-001); "PHI", "ePHI" are PHI, "non-PHI" is not. */
export function treatedAsPhi(instance: InstanceMetadata | undefined, ctx: Pick<EvaluationContext, 'thresholds'>): boolean {
  const classification = resolveClassification(instance, ctx).value;
  if (classification === null) return true;
  return /(^|[^a-z])e?phi([^a-z]|$)/i.test(classification) && !/non[-_ ]?phi|no[-_ ]phi/i.test(classification);
}

export function inventoryRef(field: string): string {
  return `inventory#/${field}`;
}

/**
 * Inventory metadata with the tags the snapshot itself carries (AWS tags, Google labels), which
 * are newer than stored ones; the app-side environment/classification overrides still win.
 */
export function withFactTags(facts: FactsSnapshot, instance: InstanceMetadata | undefined): InstanceMetadata | undefined {
  const tags =
    facts.platform === 'self' ? undefined : facts.platform === 'ms' ? (facts.instance.ok ? facts.instance.value.labels : undefined) : facts.tags.ok ? facts.tags.value : undefined;
  return tags ? { ...instance, tags: { ...instance?.tags, ...tags } } : instance;
}
