// Shared gate of the keyspace data controls (catalog §5): they run on PHI or unclassified
// instances, need the audit summary, and on partial coverage may fail but never pass (§5.2 step 7).

import type { KeyspaceAudit, PatternCount } from '../../facts/common';
import type { SelfHostedFacts } from '../../facts/self-hosted';
import type { CloudFacts, EvaluationContext } from '../context';
import { noDataPlane } from './cloud';
import { missingVerdict, ptr } from './facts';
import { resolveClassification, treatedAsPhi, withFactTags } from './inventory';
import { failed, notApplicable, passed, single, undecided, type Verdict } from './verdict';

export const KEYSPACE_REF = ptr('keyspace');

export type KeyspaceGate = { ok: true; audit: KeyspaceAudit } | { ok: false; verdict: Verdict };

export function keyspaceAudit(facts: SelfHostedFacts, ctx: EvaluationContext): KeyspaceGate {
  if (!treatedAsPhi(ctx.instance, ctx)) {
    const classification = resolveClassification(ctx.instance, ctx).value;
    return { ok: false, verdict: notApplicable(`instance classified ${classification}: keyspace controls run on PHI or unclassified instances`) };
  }
  if (!facts.keyspace.ok) return { ok: false, verdict: missingVerdict(facts.keyspace, KEYSPACE_REF) };
  return { ok: true, audit: facts.keyspace.value };
}

/** fail on a violation; pass only on complete coverage; otherwise not_assessable with the covered fraction. */
export function keyspaceVerdict(
  audit: KeyspaceAudit,
  violation: string | null,
  observed: unknown,
  refs: string[] = [KEYSPACE_REF],
): Verdict {
  if (violation) return single(failed('keyspace', observed, violation, refs));
  if (audit.coverage !== 'complete') {
    const percent = Math.round(audit.coveredFraction * 1000) / 10;
    const reason = `keyspace audit ${audit.coverage} (${percent} % of keys covered${audit.coverageReason ? `: ${audit.coverageReason}` : ''}) and no violation in the covered part`;
    return single(undecided('keyspace', 'not_assessable', reason, refs, observed));
  }
  return single(passed('keyspace', observed, refs));
}

export function topPatterns(patterns: PatternCount[], limit = 5): PatternCount[] {
  return patterns.slice(0, limit);
}

/**
 * Cloud snapshots carry no keyspace audit (the cloud scan reads the provider API only): the
 * keyspace controls are not_applicable on non-PHI instances and not_assessable otherwise.
 */
export function cloudKeyspace(facts: CloudFacts, ctx: Pick<EvaluationContext, 'thresholds' | 'instance'>): Verdict {
  const instance = withFactTags(facts, ctx.instance);
  if (!treatedAsPhi(instance, ctx)) {
    return notApplicable(`instance classified ${resolveClassification(instance, ctx).value}: keyspace controls run on PHI or unclassified instances`);
  }
  return noDataPlane('a keyspace audit (SCAN, PTTL, TYPE)');
}
