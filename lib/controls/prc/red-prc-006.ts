import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { failed, passed, single, undecided } from '../support/verdict';
import type { ChangeRecord, DetectedChange } from '../types';
import { DAY_MS, noRecordStore, onEveryPlatform, sameName } from './support';

/** A change record names the field (in full, or its last word: "protected-mode"), or names none (= any). */
function namesField(record: ChangeRecord, field: string): boolean {
  const fields = record.changedFields ?? [];
  return fields.length === 0 || fields.some((f) => sameName(f, field) || sameName(f, field.split(' ').slice(1).join(' ')));
}

/** Approved within the grace period of detection, with a window that covers the detection. */
function approving(change: DetectedChange, records: ChangeRecord[], graceMs: number): ChangeRecord | undefined {
  const detected = Date.parse(change.detectedAt);
  return records.find(
    (r) =>
      namesField(r, change.field) &&
      Date.parse(r.windowStart) <= detected &&
      Date.parse(r.windowEnd) + graceMs >= detected &&
      Date.parse(r.approvedAt) <= detected + graceMs,
  );
}

export default defineControl('RED-PRC-006', {
  expected: (t) => `every detected change of a watched setting is approved by a change record within ${t.changeApprovalGraceDays} days of detection (or reverted)`,
  ...onEveryPlatform((_facts, ctx) => {
    if (!ctx.records) return single(noRecordStore('changes', 'detected changes and change records'));
    if (!ctx.records.configBaselineAt) {
      return single(undecided('changes', 'not_assessable', 'first snapshot of the instance: no baseline to detect changes against yet', [recordRef('snapshots', 'baseline')]));
    }
    const graceMs = ctx.thresholds.changeApprovalGraceDays * DAY_MS;
    const changes = ctx.records.detectedChanges ?? [];
    const records = ctx.records.changes ?? [];
    const approved: { field: string; detectedAt: string; changeRecord: string }[] = [];
    const pending: { field: string; detectedAt: string; dueBy: string }[] = [];
    const unapproved: { field: string; before: string | null; after: string | null; detectedAt: string }[] = [];
    for (const change of changes) {
      const record = approving(change, records, graceMs);
      if (record) approved.push({ field: change.field, detectedAt: change.detectedAt, changeRecord: record.id });
      else if (ctx.now.getTime() - Date.parse(change.detectedAt) <= graceMs) {
        pending.push({ field: change.field, detectedAt: change.detectedAt, dueBy: new Date(Date.parse(change.detectedAt) + graceMs).toISOString() });
      } else unapproved.push({ field: change.field, before: change.before, after: change.after, detectedAt: change.detectedAt });
    }
    const refs = [recordRef('snapshots', 'baseline'), ...changes.map((c) => recordRef('config-change', c.id)), ...[...new Set(approved.map((a) => a.changeRecord))].map((id) => recordRef('change', id))];
    const observed = { baselineAt: ctx.records.configBaselineAt, approved: approved.length, pending, unapproved };
    if (unapproved.length === 0) return single(passed('changes', observed, refs));
    const list = unapproved.map((c) => `${c.field} ${c.before ?? '∅'} → ${c.after ?? '∅'} (${c.detectedAt.slice(0, 10)})`).join('; ');
    return single(failed('changes', observed, `changes without an approved change record after ${ctx.thresholds.changeApprovalGraceDays} days: ${list}`, refs));
  }),
});
