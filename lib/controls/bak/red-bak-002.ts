import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';

export default defineControl('RED-BAK-002', {
  expected: (t) => `RDB: last BGSAVE ok and younger than ${t.backupMaxAgeHours} h (when RDB is on); AOF write and rewrite ok (when AOF is on)`,
  self(facts, ctx) {
    const ref = ptr('persistence');
    const persistence = need(facts.persistence, ref);
    if (!persistence.ok) return persistence.verdict;
    const p = persistence.value;
    // RDB is on when `save` has a schedule; unknown without CONFIG.
    const save = facts.config.ok ? facts.config.value.values.save : undefined;
    const rdbOn = save === undefined ? null : save.trim() !== '';
    const checks: Check[] = [];
    if (rdbOn !== false) {
      const ageHours = p.rdbLastSaveTime === null ? null : Math.round(((ctx.now.getTime() / 1000 - p.rdbLastSaveTime) / 3600) * 10) / 10;
      const observed = { status: p.rdbLastBgsaveStatus, lastSaveAgeHours: ageHours };
      const rdbRefs = [ptr('persistence', 'rdbLastBgsaveStatus'), ptr('persistence', 'rdbLastSaveTime')];
      if (p.rdbLastBgsaveStatus !== null && p.rdbLastBgsaveStatus !== 'ok') {
        checks.push(failed('rdb', observed, `rdb_last_bgsave_status:${p.rdbLastBgsaveStatus}`, rdbRefs));
      } else if (ageHours !== null && ageHours <= ctx.thresholds.backupMaxAgeHours && p.rdbLastBgsaveStatus === 'ok') {
        checks.push(passed('rdb', observed, rdbRefs));
      } else if (rdbOn === null) {
        checks.push(undecided('rdb', 'not_assessable', 'last RDB save is old or unknown and the save schedule is unreadable (CONFIG)', rdbRefs, observed));
      } else {
        checks.push(failed('rdb', observed, `last RDB save ${ageHours ?? 'unknown'} h ago`, rdbRefs));
      }
    }
    if (p.aofEnabled) {
      const observed = { write: p.aofLastWriteStatus, rewrite: p.aofLastBgrewriteStatus };
      const aofRefs = [ptr('persistence', 'aofLastWriteStatus'), ptr('persistence', 'aofLastBgrewriteStatus')];
      const bad = Object.entries(observed).filter(([, status]) => status !== 'ok');
      checks.push(
        bad.length
          ? failed('aof', observed, bad.map(([what, status]) => `AOF last ${what} status ${status}`).join('; '), aofRefs)
          : passed('aof', observed, aofRefs),
      );
    }
    if (checks.length === 0) {
      checks.push(failed('persistence', { rdb: 'off', aof: 'off' }, 'neither RDB snapshots nor AOF are on: nothing is persisted', [ref]));
    }
    return combine(checks);
  },
});
