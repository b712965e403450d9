import type { SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { noDataPlane } from '../support/cloud';
import { counterDelta, intervalBetween, NO_BASELINE, type Interval } from '../support/delta';
import { missingCheck, ptr } from '../support/facts';
import { infoNumber } from '../support/info';
import { recordRef } from '../support/records';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';
import type { EvaluationContext } from '../context';

function calls(facts: SelfHostedFacts, command: string): number {
  if (!facts.commandStats.ok) return 0;
  const entry = Object.entries(facts.commandStats.value).find(([name]) => name.toLowerCase() === command);
  return entry ? entry[1].calls : 0;
}

/** Total keys over every database of `INFO keyspace` (`db0:keys=…,expires=…`). */
function totalKeys(facts: SelfHostedFacts): number | undefined {
  if (!facts.info.ok) return undefined;
  const keyspace = facts.info.value.keyspace ?? {};
  return Object.values(keyspace).reduce((sum, line) => sum + Number(/keys=(\d+)/.exec(line)?.[1] ?? 0), 0);
}

function statsCounter(facts: SelfHostedFacts, field: string): number {
  return facts.info.ok ? (infoNumber(facts.info.value, 'stats', field) ?? 0) : 0;
}

function flushCheck(previous: SelfHostedFacts, facts: SelfHostedFacts, interval: Interval, ctx: EvaluationContext): Check {
  const ref = ptr('commandStats');
  const flushes = ['flushall', 'flushdb']
    .map((command) => ({ command, calls: counterDelta(calls(previous, command), calls(facts, command), interval) }))
    .filter((f) => f.calls > 0);
  if (flushes.length === 0) return passed('flushes', 0, [ref]);
  const covering = (ctx.records?.changes ?? []).filter(
    (c) => Date.parse(c.windowStart) <= Date.parse(interval.to) && Date.parse(c.windowEnd) >= Date.parse(interval.from),
  );
  if (covering.length) return passed('flushes', { flushes, changeRecords: covering.map((c) => c.id) }, [ref, ...covering.map((c) => recordRef('change', c.id))]);
  const why = ctx.records ? 'no approved change record covers the interval' : 'no change records supplied';
  return failed('flushes', flushes, `${flushes.map((f) => `${f.command.toUpperCase()} +${f.calls}`).join(', ')} since ${interval.from}; ${why}`, [ref]);
}

function deleteRateCheck(previous: SelfHostedFacts, facts: SelfHostedFacts, interval: Interval, ctx: EvaluationContext): Check {
  const ref = ptr('commandStats');
  const { deleteSpikeFactor, deleteSpikeMinCount } = ctx.thresholds;
  const deletes = (f: SelfHostedFacts) => calls(f, 'del') + calls(f, 'unlink');
  const now = counterDelta(deletes(previous), deletes(facts), interval);
  // Baseline rate: the previous snapshot's long-run average (deletes over its uptime).
  const previousUptimeHours = previous.server.ok && previous.server.value.uptimeSeconds ? previous.server.value.uptimeSeconds / 3600 : null;
  const baselinePerHour = previousUptimeHours ? deletes(previous) / previousUptimeHours : null;
  const perHour = now / Math.max(interval.hours, 1 / 60);
  const observed = { deletes: now, perHour: Math.round(perHour), baselinePerHour: baselinePerHour === null ? null : Math.round(baselinePerHour) };
  if (now < deleteSpikeMinCount) return passed('deleteRate', observed, [ref]);
  if (baselinePerHour === null) return undecided('deleteRate', 'not_assessable', 'no baseline delete rate (previous uptime unknown)', [ref], observed);
  return perHour > deleteSpikeFactor * baselinePerHour
    ? failed('deleteRate', observed, `${now} DEL/UNLINK at ${observed.perHour}/h, over ${deleteSpikeFactor}× the baseline ${observed.baselinePerHour}/h`, [ref])
    : passed('deleteRate', observed, [ref]);
}

function keyDropCheck(previous: SelfHostedFacts, facts: SelfHostedFacts, interval: Interval): Check {
  const ref = ptr('info', 'keyspace');
  const before = totalKeys(previous);
  const after = totalKeys(facts);
  if (before === undefined || after === undefined) {
    return undecided('keyDrop', 'not_assessable', 'INFO keyspace missing in one of the snapshots', [ref]);
  }
  const explained =
    counterDelta(statsCounter(previous, 'expired_keys'), statsCounter(facts, 'expired_keys'), interval) +
    counterDelta(statsCounter(previous, 'evicted_keys'), statsCounter(facts, 'evicted_keys'), interval);
  const unexplained = before - after - explained;
  const observed = { before, after, expiredOrEvicted: explained };
  return before > 0 && unexplained > before / 2
    ? failed('keyDrop', observed, `${before - after} of ${before} keys gone, ${explained} explained by expiry/eviction`, [ref])
    : passed('keyDrop', observed, [ref]);
}

/** The cloud scan reads the provider API only; this control needs the data plane. */
const withoutDataPlane = () => noDataPlane('INFO commandstats and INFO keyspace');

export default defineControl('RED-MON-003', {
  expected: (t) =>
    `no FLUSHALL/FLUSHDB without an approved change record; DEL+UNLINK < ${t.deleteSpikeMinCount} or ≤ ${t.deleteSpikeFactor}× the baseline rate; no unexplained drop of > 50 % of keys`,
  ec: withoutDataPlane,
  ecs: withoutDataPlane,
  ms: withoutDataPlane,
  self(facts, ctx) {
    const previous = ctx.previousFacts;
    if (!previous) return combine([undecided('baseline', 'not_assessable', NO_BASELINE, [])]);
    if (!facts.commandStats.ok) return combine([missingCheck('commandStats', facts.commandStats, ptr('commandStats'))]);
    if (!previous.commandStats.ok) {
      return combine([undecided('baseline', 'not_assessable', 'the previous snapshot has no INFO commandstats', [])]);
    }
    const interval = intervalBetween(previous, facts);
    return combine([
      flushCheck(previous, facts, interval, ctx),
      deleteRateCheck(previous, facts, interval, ctx),
      keyDropCheck(previous, facts, interval),
    ]);
  },
});
