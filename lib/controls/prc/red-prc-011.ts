import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { combine, failed, passed, type Check } from '../support/verdict';
import { SECURITY_PROGRAM_COMPONENTS, type SecurityProgramComponent, type SecurityProgramRecord } from '../types';
import { currentRecords, noRecordStore, onEveryPlatform } from './support';

const LABEL: Record<SecurityProgramComponent, string> = {
  risk_analysis: 'risk analysis',
  training: 'workforce training',
  incident_response: 'incident-response plan',
  policy_review: 'policy review',
};

/** What a component must say beyond being current. */
function shortfall(record: SecurityProgramRecord): string | null {
  if (record.claims.component === 'risk_analysis' && !record.claims.coversRedisEstate) return 'the risk analysis does not cover the Redis/Valkey estate';
  if (record.claims.component === 'incident_response' && !record.claims.cacheScenarios) return 'the incident-response plan has no cache scenarios';
  return null;
}

export default defineControl('RED-PRC-011', {
  expected: (t) =>
    `risk analysis (covering the Redis/Valkey estate), workforce training, incident-response plan (with cache scenarios) and policy review, each ≤ ${t.attestationMaxAgeDays} days old`,
  ...onEveryPlatform((_facts, ctx) => {
    if (!ctx.records) return combine([noRecordStore('program', 'security program records')]);
    const current = currentRecords(ctx, 'security_program', ctx.thresholds.attestationMaxAgeDays);
    const checks: Check[] = SECURITY_PROGRAM_COMPONENTS.map((component) => {
      const newest = current.filter((r) => r.claims.component === component).sort((a, b) => Date.parse(b.approvedAt) - Date.parse(a.approvedAt))[0];
      if (!newest) return failed(component, null, `no current ${LABEL[component]} (within ${ctx.thresholds.attestationMaxAgeDays} days)`, []);
      const ref = recordRef('security_program', newest.id);
      const problem = shortfall(newest);
      return problem ? failed(component, { approvedAt: newest.approvedAt }, problem, [ref]) : passed(component, { approvedAt: newest.approvedAt }, [ref]);
    });
    return combine(checks);
  }),
});
