import { defineControl } from '../define-control';
import { configCheck, ptr } from '../support/facts';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';
import { instanceRef, msInstance } from '../support/cloud';
import type { SelfConfigParam } from '../../facts/self-hosted';

const RULES: [SelfConfigParam, (value: string) => boolean, string][] = [
  ['appendonly', (v) => v === 'yes', 'appendonly yes'],
  ['appendfsync', (v) => v === 'everysec' || v === 'always', 'appendfsync everysec or always'],
  ['save', (v) => v.trim() !== '', 'a non-empty save schedule'],
  ['stop-writes-on-bgsave-error', (v) => v === 'yes', 'stop-writes-on-bgsave-error yes'],
];

/** rdbSnapshotPeriod (google.cloud.redis.v1 PersistenceConfig.SnapshotPeriod) in minutes. */
const SNAPSHOT_PERIOD_MINUTES: Record<string, number> = { ONE_HOUR: 60, SIX_HOURS: 360, TWELVE_HOURS: 720, TWENTY_FOUR_HOURS: 1440 };

export default defineControl('RED-BAK-003', {
  expected: {
    self: () => RULES.map(([, , words]) => words).join(', '),
    ms: (t) => `persistenceMode RDB with rdbSnapshotPeriod ≤ rpoTargetMinutes (${t.rpoTargetMinutes} min)`,
  },
  ms(facts, ctx) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const mode = instance.value.persistenceConfig?.persistenceMode ?? null;
    const period = instance.value.persistenceConfig?.rdbSnapshotPeriod ?? null;
    const refs = [instanceRef('persistenceConfig')];
    const observed = { persistenceMode: mode, rdbSnapshotPeriod: period };
    if (mode !== 'RDB') return combine([failed('persistence', observed, `persistenceMode ${mode ?? 'unset'}: nothing is written to disk`, refs)]);
    const minutes = period === null ? undefined : SNAPSHOT_PERIOD_MINUTES[period];
    if (minutes === undefined) return combine([undecided('persistence', 'not_assessable', `rdbSnapshotPeriod ${period ?? 'absent'} is not a known period`, refs, observed)]);
    const target = ctx.thresholds.rpoTargetMinutes;
    return combine([
      minutes <= target
        ? passed('persistence', observed, refs)
        : failed('persistence', observed, `RDB every ${minutes} min exceeds the RPO target of ${target} min`, refs),
    ]);
  },
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
