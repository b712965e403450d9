import { defineControl } from '../define-control';
import { failed, passed, single } from '../support/verdict';
import { currentRecord, onEveryPlatform } from './support';

export default defineControl('RED-PRC-002', {
  expected: (t) => `a DR plan covering the instance, with RTO and RPO targets, reviewed within ${t.drPlanMaxAgeDays} days`,
  ...onEveryPlatform((_facts, ctx) => {
    const plan = currentRecord('drPlan', ctx, 'dr_plan', ctx.thresholds.drPlanMaxAgeDays);
    if (!plan.found) return single(plan.check);
    const { rtoTargetMinutes, rpoTargetMinutes } = plan.record.claims;
    const observed = { rtoTargetMinutes, rpoTargetMinutes, approvedAt: plan.record.approvedAt, reviewer: plan.record.reviewer };
    const missing = [...(rtoTargetMinutes ? [] : ['RTO']), ...(rpoTargetMinutes ? [] : ['RPO'])];
    return single(missing.length ? failed('drPlan', observed, `the DR plan defines no ${missing.join(' or ')} target`, [plan.ref]) : passed('drPlan', observed, [plan.ref]));
  }),
});
