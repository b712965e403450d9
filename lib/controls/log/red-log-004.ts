import { defineControl } from '../define-control';
import { currentAttestation } from '../support/records';
import { failed, passed, single } from '../support/verdict';

export default defineControl('RED-LOG-004', {
  expected: (t) =>
    `log-retention attestation younger than ${t.attestationMaxAgeDays} days: online ≥ ${t.logRetentionMinDays} days (or never expiring), archive ≥ ${t.logArchiveMinDays} days, integrity mechanism, automated rotation, coverage reviewed`,
  self(_facts, ctx) {
    const attestation = currentAttestation('retention', ctx, 'log_retention');
    if (!attestation.found) return single(attestation.check);
    const c = attestation.record.claims;
    const t = ctx.thresholds;
    const problems = [
      ...(c.onlineDays !== null && c.onlineDays < t.logRetentionMinDays ? [`online retention ${c.onlineDays} days`] : []),
      ...(c.archiveDays < t.logArchiveMinDays ? [`archive ${c.archiveDays} days`] : []),
      ...(c.integrityMechanism ? [] : ['no integrity mechanism']),
      ...(c.rotationAutomated ? [] : ['rotation not automated']),
      ...(c.coverageReviewed ? [] : ['coverage not reviewed']),
    ];
    const observed = {
      onlineDays: c.onlineDays ?? 'never expires',
      archiveDays: c.archiveDays,
      integrityMechanism: c.integrityMechanism,
      rotationAutomated: c.rotationAutomated,
      coverageReviewed: c.coverageReviewed,
      approvedAt: attestation.record.approvedAt,
    };
    return single(
      problems.length ? failed('retention', observed, problems.join('; '), [attestation.ref]) : passed('retention', observed, [attestation.ref]),
    );
  },
});
