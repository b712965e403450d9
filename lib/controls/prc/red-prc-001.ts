import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { combine, failed, passed, single, type Check } from '../support/verdict';
import type { DrillRecord } from '../types';
import { ageDays, DAY_MS, noRecordStore, onEveryPlatform, recoveryTargets } from './support';

/** Days after a drill within which the runbook must be updated or confirmed unchanged (catalog). */
const RUNBOOK_REVIEW_DAYS = 7;

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

function drillChecks(drill: DrillRecord, ctx: Parameters<typeof recoveryTargets>[0]): Check[] {
  const ref = recordRef('drill', drill.id);
  const targets = recoveryTargets(ctx);
  const refs = [ref, ...targets.refs];
  const age = ageDays(drill.startedAt, ctx.now);
  const rto = minutes(drill.rtoSeconds);
  const rpo = minutes(drill.rpoSeconds);
  const production = ctx.thresholds.productionEnvironments.map((e) => e.toLowerCase());
  const reviewDeadline = Date.parse(drill.startedAt) + RUNBOOK_REVIEW_DAYS * DAY_MS;
  const runbookOk = drill.runbookReviewedAt !== null && Date.parse(drill.runbookReviewedAt) <= reviewDeadline;
  return [
    age <= ctx.thresholds.drillMaxAgeDays
      ? passed('age', { startedAt: drill.startedAt, ageDays: age }, [ref])
      : failed('age', { startedAt: drill.startedAt, ageDays: age }, `last restore drill ${age} days ago (more than ${ctx.thresholds.drillMaxAgeDays})`, [ref]),
    drill.result === 'pass'
      ? passed('result', 'pass', [ref])
      : failed('result', { result: drill.result, reason: drill.reason }, `the last drill failed: ${drill.reason ?? 'no reason recorded'}`, [ref]),
    drill.integrity?.passed
      ? passed('integrity', drill.integrity, [ref])
      : failed('integrity', drill.integrity, drill.integrity ? `integrity check (${drill.integrity.method}) did not pass` : 'no integrity check recorded', [ref]),
    rto !== null && rto <= targets.rtoMinutes
      ? passed('rto', { minutes: rto, targetMinutes: targets.rtoMinutes, targetFrom: targets.source }, refs)
      : failed('rto', { minutes: rto, targetMinutes: targets.rtoMinutes, targetFrom: targets.source }, rto === null ? 'RTO not measured (the restore did not complete)' : `RTO ${rto} min over the ${targets.rtoMinutes} min target`, refs),
    rpo !== null && rpo <= targets.rpoMinutes
      ? passed('rpo', { minutes: rpo, targetMinutes: targets.rpoMinutes, targetFrom: targets.source }, refs)
      : failed('rpo', { minutes: rpo, targetMinutes: targets.rpoMinutes, targetFrom: targets.source }, rpo === null ? 'RPO not measured (backup time unknown)' : `RPO ${rpo} min over the ${targets.rpoMinutes} min target`, refs),
    drill.restoreEnvironment && production.includes(drill.restoreEnvironment.toLowerCase())
      ? failed('restoreTarget', drill.restoreEnvironment, `restored into a production-class environment (${drill.restoreEnvironment})`, [ref])
      : passed('restoreTarget', drill.restoreEnvironment, [ref]),
    runbookOk || ctx.now.getTime() <= reviewDeadline
      ? passed('runbook', { reviewedAt: drill.runbookReviewedAt, dueBy: new Date(reviewDeadline).toISOString() }, [ref])
      : failed('runbook', { reviewedAt: drill.runbookReviewedAt }, `runbook not updated or confirmed within ${RUNBOOK_REVIEW_DAYS} days after the drill`, [ref]),
  ];
}

export default defineControl('RED-PRC-001', {
  expected: (t) =>
    `latest restore drill ≤ ${t.drillMaxAgeDays} days old, passed with its integrity check, RTO/RPO within the DR plan's targets (default ${t.rtoTargetMinutes}/${t.rpoTargetMinutes} min), restored outside production, runbook reviewed within ${RUNBOOK_REVIEW_DAYS} days`,
  ...onEveryPlatform((_facts, ctx) => {
    if (!ctx.records) return single(noRecordStore('drill', 'restore drills'));
    const latest = [...(ctx.records.drills ?? [])].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
    if (!latest) return single(failed('drill', null, 'no restore drill on file for this instance', []));
    return combine(drillChecks(latest, ctx));
  }),
});
