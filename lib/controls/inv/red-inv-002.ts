import type { SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { ptr } from '../support/facts';
import { recordRef } from '../support/records';
import { failed, passed, single, type Verdict } from '../support/verdict';
import type { CloudFacts, EvaluationContext, PlatformContext } from '../context';

const HOUR_MS = 3_600_000;

/** A data-plane snapshot is complete when the scanner's connection worked and the server answered. */
function isComplete(facts: SelfHostedFacts): boolean {
  return facts.connection.scannerAuth.ok && facts.connection.scannerAuth.value.authenticated && facts.server.ok;
}

/** A control-plane snapshot is complete when the resource's describe response was read. */
function completedAt(facts: CloudFacts): string | null {
  const described = facts.platform === 'ms' ? facts.instance.ok : facts.settings.ok;
  return described ? facts.collectedAt : null;
}

interface Candidate {
  at: string;
  ref: string;
}

/** Computed from app records and snapshots, never not_assessable (catalog): no complete snapshot at all is a fail. */
function freshness(candidates: (Candidate | null)[], ctx: Pick<EvaluationContext, 'now' | 'thresholds' | 'records'>, neverRef: string): Verdict {
  const found = candidates.filter((c): c is Candidate => c !== null);
  if (ctx.records?.lastCompleteSnapshotAt) found.push({ at: ctx.records.lastCompleteSnapshotAt, ref: recordRef('snapshots', 'last-complete') });
  const latest = found.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (!latest) return single(failed('lastComplete', null, 'never assessed: no complete snapshot', [neverRef]));
  const ageHours = (ctx.now.getTime() - Date.parse(latest.at)) / HOUR_MS;
  const observed = { lastCompleteAt: latest.at, ageHours: Math.round(ageHours * 10) / 10 };
  return single(
    ageHours <= ctx.thresholds.assessmentMaxAgeHours
      ? passed('lastComplete', observed, [latest.ref])
      : failed('lastComplete', observed, `last complete snapshot is ${observed.ageHours} h old`, [latest.ref]),
  );
}

function cloud<F extends CloudFacts>(facts: F, ctx: PlatformContext<F>): Verdict {
  const current = completedAt(facts);
  const previous = ctx.previousFacts ? completedAt(ctx.previousFacts) : null;
  return freshness(
    [current ? { at: current, ref: ptr('collectedAt') } : null, previous ? { at: previous, ref: 'previousFacts#/collectedAt' } : null],
    ctx,
    ptr(facts.platform === 'ms' ? 'instance' : 'settings'),
  );
}

export default defineControl('RED-INV-002', {
  expected: (t) => `latest complete snapshot younger than ${t.assessmentMaxAgeHours} h`,
  self(facts, ctx) {
    const current = isComplete(facts) ? { at: facts.meta.finishedAt, ref: ptr('meta', 'finishedAt') } : null;
    const previous = ctx.previousFacts && isComplete(ctx.previousFacts) ? { at: ctx.previousFacts.meta.finishedAt, ref: 'previousFacts#/meta/finishedAt' } : null;
    return freshness([current, previous], ctx, ptr('connection', 'scannerAuth'));
  },
  ec: cloud,
  ecs: cloud,
  ms: cloud,
});
