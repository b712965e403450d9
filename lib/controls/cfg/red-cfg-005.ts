import { defineControl } from '../define-control';
import { configCheck, configInt, need, ptr } from '../support/facts';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';
import type { ElastiCacheParameterName, ParameterGroupFacts } from '../../facts/aws';
import type { Thresholds } from '../thresholds';
import type { SelfConfigParam } from '../../facts/self-hosted';

const RULE = (t: Thresholds) => `1 ≤ timeout ≤ ${t.idleTimeoutMaxSeconds} s and 1 ≤ tcp-keepalive ≤ ${t.tcpKeepaliveMaxSeconds} s`;

/** Each parameter group the members use, read with DescribeCacheParameters (optional API). */
function parameterChecks(groups: ParameterGroupFacts[], t: Thresholds): Check[] {
  const limits: [ElastiCacheParameterName, number][] = [
    ['timeout', t.idleTimeoutMaxSeconds],
    ['tcp-keepalive', t.tcpKeepaliveMaxSeconds],
  ];
  return groups.flatMap((group, g) =>
    limits.map(([param, max]) => {
      const name = `${group.CacheParameterGroupName}:${param}`;
      const ref = ptr('parameters', 'value', g, 'parameters', param);
      const raw = group.parameters[param]?.ParameterValue ?? null;
      if (raw === null) return undecided(name, 'not_assessable', `${param} not returned for parameter group ${group.CacheParameterGroupName}`, [ref]);
      const seconds = configInt(raw);
      return seconds >= 1 && seconds <= max
        ? passed(name, seconds, [ref])
        : failed(name, raw, `${group.CacheParameterGroupName}: ${param} ${raw} (must be 1..${max}; 0 = never)`, [ref]);
    }),
  );
}

export default defineControl('RED-CFG-005', {
  expected: { self: RULE, ec: RULE },
  ec(facts, ctx) {
    const groups = need(facts.parameters, ptr('parameters'));
    if (!groups.ok) return groups.verdict;
    if (groups.value.length === 0) return combine([undecided('parameters', 'not_assessable', 'no parameter group named by the member clusters', [ptr('parameters')])]);
    return combine(parameterChecks(groups.value, ctx.thresholds));
  },
  self(facts, ctx) {
    const within = (name: string, param: SelfConfigParam, max: number) =>
      configCheck(name, facts.config, param, (value, ref) => {
        const seconds = configInt(value);
        return seconds >= 1 && seconds <= max
          ? passed(name, seconds, [ref])
          : failed(name, value, `${param} ${value} (must be 1..${max}; 0 = never)`, [ref]);
      });
    return combine([
      within('timeout', 'timeout', ctx.thresholds.idleTimeoutMaxSeconds),
      within('tcpKeepalive', 'tcp-keepalive', ctx.thresholds.tcpKeepaliveMaxSeconds),
    ]);
  },
});
