import type { SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { noDataPlane } from '../support/cloud';
import { counterDelta, intervalBetween } from '../support/delta';
import { missingCheck, ptr } from '../support/facts';
import { infoNumber, infoRef } from '../support/info';
import { combine, failed, passed, undecided } from '../support/verdict';

const COUNTER = 'acl_access_denied_auth';

function counterOf(facts: SelfHostedFacts): number | undefined {
  return facts.info.ok ? infoNumber(facts.info.value, 'stats', COUNTER) : undefined;
}

/** The cloud scan reads the provider API only; this control needs the data plane. */
const withoutDataPlane = () => noDataPlane('INFO stats and ACL LOG');

export default defineControl('RED-MON-001', {
  expected: (t) => `authentication failures ≤ ${t.authFailuresMaxPerHour} per hour`,
  ec: withoutDataPlane,
  ecs: withoutDataPlane,
  ms: withoutDataPlane,
  self(facts, ctx) {
    const max = ctx.thresholds.authFailuresMaxPerHour;
    const decide = (perHour: number, observed: object, refs: string[]) =>
      combine([
        perHour <= max
          ? passed('authFailures', observed, refs)
          : failed('authFailures', observed, `${Math.round(perHour)} authentication failures per hour`, refs),
      ]);

    // Preferred: the INFO counter's growth since the previous snapshot (Redis ≥ 7.4).
    const current = counterOf(facts);
    const previous = ctx.previousFacts ? counterOf(ctx.previousFacts) : undefined;
    if (ctx.previousFacts && current !== undefined && previous !== undefined) {
      const interval = intervalBetween(ctx.previousFacts, facts);
      if (interval.hours > 0) {
        const failures = counterDelta(previous, current, interval);
        const hours = Math.max(interval.hours, 1);
        return decide(failures / hours, { source: COUNTER, failures, hours: Math.round(interval.hours * 10) / 10 }, [infoRef('stats', COUNTER)]);
      }
    }
    // Else: ACL LOG entries with reason=auth updated within the last hour.
    const logRef = ptr('acl', 'log');
    if (!facts.acl.log.ok) {
      if (current === undefined) return combine([missingCheck('authFailures', facts.acl.log, logRef)]);
      return combine([undecided('authFailures', 'not_assessable', `no baseline for ${COUNTER} and ACL LOG unavailable`, [logRef])]);
    }
    const recent = facts.acl.log.value.entries.filter((e) => e.reason === 'auth' && e.ageSeconds <= 3600);
    const byUser: Record<string, number> = {};
    for (const entry of recent) byUser[entry.username] = (byUser[entry.username] ?? 0) + entry.count;
    const failures = Object.values(byUser).reduce((a, b) => a + b, 0);
    return decide(failures, { source: 'ACL LOG (last hour)', failures, byUser }, [logRef]);
  },
});
