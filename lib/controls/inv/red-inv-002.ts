import type { SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { ptr } from '../support/facts';
import { recordRef } from '../support/records';
import { failed, passed, single } from '../support/verdict';

const HOUR_MS = 3_600_000;

/** A data-plane snapshot is complete when the scanner's connection worked and the server answered. */
function isComplete(facts: SelfHostedFacts): boolean {
  return facts.connection.scannerAuth.ok && facts.connection.scannerAuth.value.authenticated && facts.server.ok;
}

export default defineControl('RED-INV-002', {
  expected: (t) => `latest complete snapshot younger than ${t.assessmentMaxAgeHours} h`,
  self(facts, ctx) {
    // Computed from app records and snapshots, never not_assessable (catalog): no complete
    // snapshot at all is a fail.
    const candidates: { at: string; ref: string }[] = [];
    if (isComplete(facts)) candidates.push({ at: facts.meta.finishedAt, ref: ptr('meta', 'finishedAt') });
    if (ctx.records?.lastCompleteSnapshotAt) {
      candidates.push({ at: ctx.records.lastCompleteSnapshotAt, ref: recordRef('snapshots', 'last-complete') });
    }
    if (ctx.previousFacts && isComplete(ctx.previousFacts)) {
      candidates.push({ at: ctx.previousFacts.meta.finishedAt, ref: 'previousFacts#/meta/finishedAt' });
    }
    const latest = candidates.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
    if (!latest) {
      return single(failed('lastComplete', null, 'never assessed: no complete snapshot', [ptr('connection', 'scannerAuth')]));
    }
    const ageHours = (ctx.now.getTime() - Date.parse(latest.at)) / HOUR_MS;
    const observed = { lastCompleteAt: latest.at, ageHours: Math.round(ageHours * 10) / 10 };
    return single(
      ageHours <= ctx.thresholds.assessmentMaxAgeHours
        ? passed('lastComplete', observed, [latest.ref])
        : failed('lastComplete', observed, `last complete snapshot is ${observed.ageHours} h old`, [latest.ref]),
    );
  },
});
