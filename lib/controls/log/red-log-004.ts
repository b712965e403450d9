import type { EvaluationContext } from '../context';
import { defineControl } from '../define-control';
import { uncollected, type AwsFacts } from '../support/cloud';
import { missingCheck, ptr } from '../support/facts';
import { currentAttestation } from '../support/records';
import { combine, failed, passed, single, type Check } from '../support/verdict';
import type { Thresholds } from '../thresholds';

type RecordsContext = Pick<EvaluationContext, 'thresholds' | 'now' | 'records'>;

/** The log-retention attestation (catalog §4.1): retention, archive, integrity, rotation, coverage. */
function attestationCheck(ctx: RecordsContext): Check {
  const attestation = currentAttestation('retention', ctx, 'log_retention');
  if (!attestation.found) return attestation.check;
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
  return problems.length ? failed('retention', observed, problems.join('; '), [attestation.ref]) : passed('retention', observed, [attestation.ref]);
}

/** AWS: the attestation alone does not pass the log groups' online retention (catalog). */
const awsRetention = (facts: AwsFacts, ctx: RecordsContext) =>
  combine([attestationCheck(ctx), missingCheck('logGroups', uncollected(facts.logGroups), ptr('logGroups'))]);

const ATTESTATION_RULE = (t: Thresholds) =>
  `log-retention attestation younger than ${t.attestationMaxAgeDays} days: online ≥ ${t.logRetentionMinDays} days (or never expiring), archive ≥ ${t.logArchiveMinDays} days, integrity mechanism, automated rotation, coverage reviewed`;
const AWS_RULE = (t: Thresholds) =>
  `delivery and trail log groups kept ≥ ${t.logRetentionMinDays} days (DescribeLogGroups) with trail log-file validation on, and a ${ATTESTATION_RULE(t)}`;

export default defineControl('RED-LOG-004', {
  expected: { self: ATTESTATION_RULE, ec: AWS_RULE, ecs: AWS_RULE, ms: ATTESTATION_RULE },
  self: (_facts, ctx) => single(attestationCheck(ctx)),
  ec: awsRetention,
  ecs: awsRetention,
  ms: (_facts, ctx) => single(attestationCheck(ctx)),
});
