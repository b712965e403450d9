import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { combine, failed, notApplicable, passed, single, undecided, type Check, type Verdict } from '../support/verdict';
import { noDataPlane, retentionDays, settingRef, type AwsFacts } from '../support/cloud';
import type { Thresholds } from '../thresholds';

interface Backup {
  name: string;
  status: string | null;
  createdAt: string | null;
}

/** The newest automated backup that is not still being written: available and younger than the limit. */
function newestBackupVerdict(backups: Backup[], ref: string, ctx: { now: Date; thresholds: Thresholds }): Verdict {
  const newest = backups.find((b) => b.status !== 'creating');
  if (!newest) return single(failed('latestBackup', null, 'no automated snapshot found', [ref]));
  const ageHours = newest.createdAt === null ? null : Math.round(((ctx.now.getTime() - Date.parse(newest.createdAt)) / 3_600_000) * 10) / 10;
  const observed = { snapshot: newest.name, status: newest.status, createdAt: newest.createdAt, ageHours };
  const problems = [
    ...(newest.status === 'available' ? [] : [`newest automated snapshot ${newest.name} is ${newest.status ?? 'of unknown status'}`]),
    ...(ageHours !== null && ageHours <= ctx.thresholds.backupMaxAgeHours ? [] : [`newest automated snapshot is ${ageHours ?? 'of unknown age'} h old`]),
  ];
  return single(problems.length ? failed('latestBackup', observed, problems.join('; '), [ref]) : passed('latestBackup', observed, [ref]));
}

/** With backups off, BAK-001 reports the root cause once. */
function whenBackupsOff(facts: AwsFacts): Verdict | null {
  const days = retentionDays(facts);
  return days.ok && days.value === 0
    ? notApplicable('automatic backups are off: reported by RED-BAK-001', [settingRef('SnapshotRetentionLimit')], 'RED-BAK-001')
    : null;
}

const PERSISTENCE_RULE = (t: Thresholds) =>
  `RDB: last BGSAVE ok and younger than ${t.backupMaxAgeHours} h (when RDB is on); AOF write and rewrite ok (when AOF is on)`;
const SNAPSHOT_RULE = (t: Thresholds) => `newest automated snapshot available and younger than ${t.backupMaxAgeHours} h`;

export default defineControl('RED-BAK-002', {
  expected: { self: PERSISTENCE_RULE, ec: SNAPSHOT_RULE, ecs: SNAPSHOT_RULE, ms: PERSISTENCE_RULE },
  ec(facts, ctx) {
    const off = whenBackupsOff(facts);
    if (off) return off;
    const snapshots = need(facts.snapshots, ptr('snapshots'));
    if (!snapshots.ok) return snapshots.verdict;
    const automated = snapshots.value.filter((s) => s.SnapshotSource === 'automated');
    return newestBackupVerdict(automated.map((s) => ({ name: s.SnapshotName, status: s.SnapshotStatus, createdAt: s.SnapshotCreateTime })), ptr('snapshots'), ctx);
  },
  ecs(facts, ctx) {
    const off = whenBackupsOff(facts);
    if (off) return off;
    const snapshots = need(facts.snapshots, ptr('snapshots'));
    if (!snapshots.ok) return snapshots.verdict;
    const automated = snapshots.value.filter((s) => s.SnapshotType === 'automated');
    return newestBackupVerdict(automated.map((s) => ({ name: s.ServerlessCacheSnapshotName, status: s.Status, createdAt: s.CreateTime })), ptr('snapshots'), ctx);
  },
  ms: () => noDataPlane('INFO persistence'),
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
