import { defineControl } from '../define-control';
import { absentField, retentionDays, settingRef, type AwsFacts } from '../support/cloud';
import { failed, passed, single } from '../support/verdict';
import type { Thresholds } from '../thresholds';

function retentionVerdict(facts: AwsFacts, ctx: { thresholds: Thresholds }) {
  const days = retentionDays(facts);
  if (!days.ok) return days.verdict;
  const ref = settingRef('SnapshotRetentionLimit');
  if (days.value === null) return single(absentField('retention', 'SnapshotRetentionLimit', ref));
  const minimum = ctx.thresholds.backupRetentionMinDays;
  if (days.value >= minimum) return single(passed('retention', days.value, [ref]));
  const why = days.value === 0 ? 'automatic backups are off (SnapshotRetentionLimit 0)' : `SnapshotRetentionLimit ${days.value} days`;
  return single(failed('retention', days.value, `${why}; the policy asks for ≥ ${minimum}`, [ref]));
}

const RULE = (t: Thresholds) => `SnapshotRetentionLimit ≥ ${t.backupRetentionMinDays} days (automatic backups on)`;

export default defineControl('RED-BAK-001', {
  expected: { ec: RULE, ecs: RULE },
  ec: retentionVerdict,
  ecs: retentionVerdict,
});
