import { defineControl } from '../define-control';
import { claimCheck, currentAttestation } from '../support/records';
import { single } from '../support/verdict';
import { egressCheck } from '../support/security-groups';

const AWS_RULE = () => 'no security-group egress rule sends all traffic (or every port) to 0.0.0.0/0 or ::/0';

export default defineControl('RED-NET-004', {
  expected: {
    self: (t) => `a host-hardening attestation younger than ${t.attestationMaxAgeDays} days states that egress is restricted`,
    ec: AWS_RULE,
    ecs: AWS_RULE,
  },
  ec: (facts) => single(egressCheck(facts.securityGroups)),
  ecs: (facts) => single(egressCheck(facts.securityGroups)),
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
