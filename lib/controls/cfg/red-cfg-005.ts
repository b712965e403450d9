import { defineControl } from '../define-control';
import { configCheck, configInt } from '../support/facts';
import { combine, failed, passed } from '../support/verdict';
import type { SelfConfigParam } from '../../facts/self-hosted';

export default defineControl('RED-CFG-005', {
  expected: (t) => `1 ≤ timeout ≤ ${t.idleTimeoutMaxSeconds} s and 1 ≤ tcp-keepalive ≤ ${t.tcpKeepaliveMaxSeconds} s`,
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
