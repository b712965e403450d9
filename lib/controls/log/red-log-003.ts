import { defineControl } from '../define-control';
import { configCheck, configInt } from '../support/facts';
import { combine, failed, passed } from '../support/verdict';
import { logDeliveryCheck, noDataPlane } from '../support/cloud';
import type { SelfConfigParam } from '../../facts/self-hosted';

/** Each parameter and the smallest value that keeps the log on. */
const MINIMUMS: [SelfConfigParam, number][] = [
  ['acllog-max-len', 1],
  ['slowlog-log-slower-than', 0],
  ['slowlog-max-len', 1],
  ['latency-monitor-threshold', 1],
];

export default defineControl('RED-LOG-003', {
  expected: {
    self: () => 'acllog-max-len > 0, slowlog-log-slower-than ≥ 0, slowlog-max-len > 0, latency-monitor-threshold > 0',
    ec: () => 'a slow-log delivery (LogDeliveryConfigurations) with Status active',
    ms: () => 'SLOWLOG LEN answers (data plane)',
  },
  ec: (facts) => logDeliveryCheck(facts, 'slow-log'),
  ms: () => noDataPlane('SLOWLOG LEN'),
  self(facts) {
    return combine(
      MINIMUMS.map(([param, minimum]) =>
        configCheck(param, facts.config, param, (value, ref) =>
          configInt(value) >= minimum ? passed(param, value, [ref]) : failed(param, value, `${param} ${value} (log off)`, [ref]),
        ),
      ),
    );
  },
});
