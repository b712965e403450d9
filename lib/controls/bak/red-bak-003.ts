import { defineControl } from '../define-control';
import { configCheck, ptr } from '../support/facts';
import { combine, failed, passed, type Check } from '../support/verdict';
import type { SelfConfigParam } from '../../facts/self-hosted';

const RULES: [SelfConfigParam, (value: string) => boolean, string][] = [
  ['appendonly', (v) => v === 'yes', 'appendonly yes'],
  ['appendfsync', (v) => v === 'everysec' || v === 'always', 'appendfsync everysec or always'],
  ['save', (v) => v.trim() !== '', 'a non-empty save schedule'],
  ['stop-writes-on-bgsave-error', (v) => v === 'yes', 'stop-writes-on-bgsave-error yes'],
];

export default defineControl('RED-BAK-003', {
  expected: () => RULES.map(([, , words]) => words).join(', '),
  self(facts) {
    // INFO persistence showing AOF off is already a fail, even without CONFIG (catalog).
    if (!facts.config.ok && facts.persistence.ok && !facts.persistence.value.aofEnabled) {
      return combine([failed('appendonly', 'aof_enabled:0', 'AOF is off (INFO persistence)', [ptr('persistence', 'aofEnabled')])]);
    }
    const checks: Check[] = RULES.map(([param, ok, words]) =>
      configCheck(param, facts.config, param, (value, ref) =>
        ok(value) ? passed(param, value, [ref]) : failed(param, value, `${param} ${JSON.stringify(value)} (need ${words})`, [ref]),
      ),
    );
    return combine(checks);
  },
});
