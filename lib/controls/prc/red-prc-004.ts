import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { failed, passed, single } from '../support/verdict';
import type { FindingRecord } from '../types';
import { ageDays, noRecordStore, onEveryPlatform } from './support';

/** States in which the remediation clock runs (lib/findings lifecycle). */
const ACTIVE = ['open', 'acknowledged', 'in_remediation', 'reopened'];

export default defineControl('RED-PRC-004', {
  expected: (t) =>
    `no finding open longer than its SLA (critical ${t.remediationSlaDays.critical}, high ${t.remediationSlaDays.high}, medium ${t.remediationSlaDays.medium}, low ${t.remediationSlaDays.low} days) without an unexpired approved exception`,
  ...onEveryPlatform((_facts, ctx) => {
    if (!ctx.records?.findings) return single(noRecordStore('findings', 'findings, tickets and exceptions'));
    const now = ctx.now.getTime();
    const covered = (f: FindingRecord) => f.exception !== null && Date.parse(f.exception.expiresAt) > now;
    // This control's own finding is left out: it would otherwise keep itself failing forever.
    const running = ctx.records.findings.filter(
      (f) => f.controlId !== 'RED-PRC-004' && (ACTIVE.includes(f.state) || (f.state === 'risk_accepted' && !covered(f))),
    );
    const overdue = running
      .filter((f) => !covered(f))
      .map((f) => ({ id: f.id, controlId: f.controlId, severity: f.severity, openDays: ageDays(f.firstDetectedAt, ctx.now), slaDays: ctx.thresholds.remediationSlaDays[f.severity] }))
      .filter((f) => f.openDays > f.slaDays);
    const refs = running.map((f) => recordRef('finding', f.id));
    const observed = { openFindings: running.length, overdue };
    if (overdue.length === 0) return single(passed('remediation', observed, refs.length ? refs : [recordRef('findings', 'instance')]));
    const worst = overdue.map((f) => `${f.controlId} (${f.severity}) open ${f.openDays} days, SLA ${f.slaDays}`).join('; ');
    return single(failed('remediation', observed, `findings past their remediation SLA: ${worst}`, overdue.map((f) => recordRef('finding', f.id))));
  }),
});
