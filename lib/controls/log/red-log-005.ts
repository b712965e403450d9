import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { failed, passed, single, undecided } from '../support/verdict';
import { noDataPlane } from '../support/cloud';
import type { Thresholds } from '../thresholds';

const RULE = (t: Thresholds) => `|server clock − probe clock| ≤ ${t.clockSkewMaxSeconds} s`;
const cloud = () => noDataPlane('TIME from the server');

export default defineControl('RED-LOG-005', {
  expected: { self: RULE, ec: RULE, ecs: RULE, ms: RULE },
  ec: cloud,
  ecs: cloud,
  ms: cloud,
  self(facts, ctx) {
    const ref = ptr('clock');
    const clock = need(facts.clock, ref);
    if (!clock.ok) return clock.verdict;
    const synced = facts.meta.probeClockSynchronized;
    if (synced.ok && !synced.value) {
      return single(undecided('skew', 'not_assessable', 'the probe clock is not synchronized', [ptr('meta', 'probeClockSynchronized')]));
    }
    const skewSeconds = Math.round(clock.value.skewMs) / 1000;
    const observed = { skewSeconds, roundTripMs: clock.value.roundTripMs, probeClockSynchronized: synced.ok ? synced.value : 'unknown' };
    return single(
      Math.abs(skewSeconds) <= ctx.thresholds.clockSkewMaxSeconds
        ? passed('skew', observed, [ref])
        : failed('skew', observed, `server clock ${Math.abs(skewSeconds)} s ${skewSeconds < 0 ? 'behind' : 'ahead'}`, [ref]),
    );
  },
});
