// Joins a control's decision logic with its catalog metadata and framework mappings, so each
// control file holds only what is particular to it.

import { controlMeta } from './catalog';
import type { EvaluationContext, FactsSnapshot } from './context';
import { frameworksFor } from './frameworks';
import type { Thresholds } from './thresholds';
import type { ControlMeta, ControlResult, FrameworkRefs, Platform, Remediation, Severity } from './types';
import { notApplicable, type Verdict } from './support/verdict';
import type { SelfHostedFacts } from '../facts/self-hosted';

export interface ControlDefinition {
  id: string;
  title: string;
  platforms: readonly Platform[];
  severity: Severity;
  thresholds: readonly string[];
  remediation: Remediation;
  meta: ControlMeta;
  frameworks: FrameworkRefs;
  /** Platforms this definition has an evaluator for. */
  evaluatedPlatforms: readonly Platform[];
  /** The rule in words with the threshold values used (also shown in docs/controls.md). */
  expected(thresholds: Thresholds): string;
  evaluate(facts: FactsSnapshot, ctx: EvaluationContext): ControlResult;
}

export interface ControlSpec {
  /** The rule in words, with the thresholds used. */
  expected: (thresholds: Thresholds) => string;
  self: (facts: SelfHostedFacts, ctx: EvaluationContext) => Verdict;
}

export function defineControl(id: string, spec: ControlSpec): ControlDefinition {
  const meta = controlMeta(id);
  const frameworks = frameworksFor(id);
  const toResult = (verdict: Verdict, ctx: EvaluationContext): ControlResult => ({
    controlId: meta.id,
    title: meta.title,
    status: verdict.status,
    severity: meta.severity,
    observed: verdict.observed,
    expected: spec.expected(ctx.thresholds),
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    ...(verdict.dependsOn ? { dependsOn: verdict.dependsOn } : {}),
    evidenceRefs: verdict.evidenceRefs,
    frameworks,
  });
  return {
    id: meta.id,
    title: meta.title,
    platforms: meta.platforms,
    severity: meta.severity,
    thresholds: meta.thresholds,
    remediation: meta.fix,
    meta,
    frameworks,
    evaluatedPlatforms: ['self'],
    expected: spec.expected,
    evaluate(facts, ctx) {
      return toResult(decide(meta, spec, facts, ctx), ctx);
    },
  };
}

function decide(meta: ControlMeta, spec: ControlSpec, facts: FactsSnapshot, ctx: EvaluationContext): Verdict {
  if (!meta.platforms.includes(facts.platform)) {
    return notApplicable(meta.notApplicable[facts.platform] ?? `${meta.id} does not cover platform ${facts.platform}`);
  }
  return spec.self(facts, ctx);
}

