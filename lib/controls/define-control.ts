// Joins a control's decision logic with its catalog metadata and framework mappings, so each
// control file holds only what is particular to it: one evaluator per platform it covers, chosen
// by `facts.platform`.

import { controlMeta } from './catalog';
import type { EvaluationContext, FactsSnapshot, PlatformContext } from './context';
import { frameworksFor } from './frameworks';
import type { Thresholds } from './thresholds';
import type { ControlMeta, ControlResult, FrameworkRefs, Platform, Remediation, Severity } from './types';
import { notApplicable, type Verdict } from './support/verdict';

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
  /** The rule in words on a platform, with the threshold values used (also shown in docs/controls.md). */
  expected(thresholds: Thresholds, platform?: Platform): string;
  evaluate(facts: FactsSnapshot, ctx: EvaluationContext): ControlResult;
}

type FactsOf<P extends Platform> = Extract<FactsSnapshot, { platform: P }>;
type Evaluator<P extends Platform> = (facts: FactsOf<P>, ctx: PlatformContext<FactsOf<P>>) => Verdict;
type Expected = (thresholds: Thresholds) => string;

export type ControlSpec = {
  /** The rule in words with the thresholds used: one text for every platform, or one per platform. */
  expected: Expected | Partial<Record<Platform, Expected>>;
} & { [P in Platform]?: Evaluator<P> };

function expectedFor(spec: ControlSpec, platform: Platform): Expected {
  const expected = typeof spec.expected === 'function' ? spec.expected : spec.expected[platform];
  if (!expected) throw new Error(`no expected text for platform ${platform}`);
  return expected;
}

export function defineControl(id: string, spec: ControlSpec): ControlDefinition {
  const meta = controlMeta(id);
  const frameworks = frameworksFor(id);
  const evaluatedPlatforms = meta.platforms.filter((p) => spec[p] !== undefined);
  // Fail at import, not at the first scan, when an evaluator has no rule text.
  for (const platform of evaluatedPlatforms) expectedFor(spec, platform);
  const toResult = (verdict: Verdict, platform: Platform, ctx: EvaluationContext): ControlResult => ({
    controlId: meta.id,
    title: meta.title,
    status: verdict.status,
    severity: meta.severity,
    observed: verdict.observed,
    expected: evaluatedPlatforms.includes(platform) ? expectedFor(spec, platform)(ctx.thresholds) : meta.passes,
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
    evaluatedPlatforms,
    expected: (thresholds, platform = 'self') => expectedFor(spec, platform)(thresholds),
    evaluate(facts, ctx) {
      return toResult(decide(meta, spec, facts, ctx), facts.platform, ctx);
    },
  };
}

function decide(meta: ControlMeta, spec: ControlSpec, facts: FactsSnapshot, ctx: EvaluationContext): Verdict {
  if (!meta.platforms.includes(facts.platform)) {
    return notApplicable(meta.notApplicable[facts.platform] ?? `${meta.id} does not cover platform ${facts.platform}`);
  }
  // A previous snapshot of another platform (the resource was re-inventoried) is no baseline.
  const platformCtx = { ...ctx, previousFacts: ctx.previousFacts?.platform === facts.platform ? ctx.previousFacts : undefined };
  const evaluator = spec[facts.platform] as ((f: FactsSnapshot, c: typeof platformCtx) => Verdict) | undefined;
  if (!evaluator) throw new Error(`${meta.id} has no evaluator for platform ${facts.platform}`);
  return evaluator(facts, platformCtx);
}
