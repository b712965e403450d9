import { defineControl } from '../define-control';
import { currentAttestation, recordRef } from '../support/records';
import { passed, single } from '../support/verdict';

export default defineControl('RED-MON-006', {
  expected: (t) => `the app's notifications enabled for the instance, or an alert-routing attestation younger than ${t.attestationMaxAgeDays} days`,
  self(_facts, ctx) {
    if (ctx.records?.alertNotificationsEnabled) {
      return single(passed('alertRouting', 'app notifications enabled', [recordRef('notifications', 'instance')]));
    }
    const attestation = currentAttestation('alertRouting', ctx, 'alert_routing');
    if (!attestation.found) return single(attestation.check);
    const { events, channel } = attestation.record.claims;
    return single(passed('alertRouting', { events, channel, approvedAt: attestation.record.approvedAt }, [attestation.ref]));
  },
});
