// The control engine: pure functions of a facts snapshot (catalog §1.1). No I/O.

import { CATALOG } from './catalog';
import type { EvaluationContext, FactsSnapshot } from './context';
import { frameworksFor } from './frameworks';
import { controlDefinition } from './registry';
import type { ControlMeta, ControlResult } from './types';

export { CATALOG, CONTROL_IDS, controlMeta, isControlId, remediationFor } from './catalog';
export { controlsForRequirement, frameworksFor, hitrustRefsFor, requirementIndex } from './frameworks';
export { controlDefinition, pendingControlIds, REGISTRY } from './registry';
export {
  DEFAULT_KEY_CLASSES,
  DEFAULT_THRESHOLDS,
  keyClassSchema,
  parseInstanceOverrides,
  parseThresholds,
  thresholdsSchema,
} from './thresholds';
export type { EvaluationContext, FactsSnapshot, FleetMember } from './context';
export type { ControlDefinition } from './define-control';
export type { KeyClass, Thresholds } from './thresholds';

/**
 * Results for every catalog control that applies to the snapshot's platform and has an evaluator,
 * plus `not_applicable` (with the catalog's reason) for those that do not cover the platform.
 * Controls still without an evaluator are left out: see `pendingControlIds(platform)`.
 */
export function evaluateControls(facts: FactsSnapshot, ctx: EvaluationContext): ControlResult[] {
  return CATALOG.flatMap((meta) => {
    if (!meta.platforms.includes(facts.platform)) return [notCovered(meta, facts.platform)];
    const definition = controlDefinition(meta.id);
    if (!definition || !definition.evaluatedPlatforms.includes(facts.platform)) return [];
    try {
      return [definition.evaluate(facts, ctx)];
    } catch (err) {
      // A defect in one evaluator must not hide the others, and never reads as a pass.
      return [failedEvaluation(meta, err)];
    }
  });
}

function base(meta: ControlMeta) {
  return { controlId: meta.id, title: meta.title, severity: meta.severity, expected: meta.passes, frameworks: frameworksFor(meta.id) };
}

function notCovered(meta: ControlMeta, platform: FactsSnapshot['platform']): ControlResult {
  const reason = meta.notApplicable[platform] ?? `${meta.id} does not cover platform ${platform}`;
  return { ...base(meta), status: 'not_applicable', observed: null, reason, evidenceRefs: [] };
}

function failedEvaluation(meta: ControlMeta, err: unknown): ControlResult {
  const message = err instanceof Error ? err.message : String(err);
  return { ...base(meta), status: 'error', observed: null, reason: `evaluator failed: ${message}`, evidenceRefs: [] };
}
