import { defineControl } from '../define-control';
import { claimCheck, currentAttestation } from '../support/records';
import { single } from '../support/verdict';

export default defineControl('RED-NET-004', {
  expected: (t) => `a host-hardening attestation younger than ${t.attestationMaxAgeDays} days states that egress is restricted`,
  self(_facts, ctx) {
    const attestation = currentAttestation('egress', ctx, 'host_hardening');
    if (!attestation.found) return single(attestation.check);
    const { egressRestricted, egressDestinations } = attestation.record.claims;
    return single(
      claimCheck(
        'egress',
        egressRestricted,
        { egressRestricted, egressDestinations: egressDestinations ?? [], approvedAt: attestation.record.approvedAt },
        'host-hardening attestation says egress is not restricted',
        attestation.ref,
      ),
    );
  },
});
