import { defineControl } from '../define-control';
import { failed, passed, single } from '../support/verdict';
import { currentRecord, onEveryPlatform, unaffirmed } from './support';

const ITEMS = ['vault', 'noSecretsInCode', 'rotationAutomated', 'kmsOrHsm', 'dualControl', 'keyLossRecovery', 'certificateRevocation', 'clientsVerifyServerCerts'] as const;

export default defineControl('RED-PRC-009', {
  expected: (t) => `an organisation key-management attestation ≤ ${t.attestationMaxAgeDays} days old, every item affirmed, with a secret-scanning report reference`,
  ...onEveryPlatform((_facts, ctx) => {
    const attestation = currentRecord('keyManagement', ctx, 'key_management', ctx.thresholds.attestationMaxAgeDays);
    if (!attestation.found) return single(attestation.check);
    const claims = attestation.record.claims;
    const missing = [...unaffirmed(claims, ITEMS), ...(claims.secretScanReference ? [] : ['secretScanReference'])];
    const observed = { ...claims, approvedAt: attestation.record.approvedAt };
    return single(missing.length ? failed('keyManagement', observed, `not affirmed: ${missing.join(', ')}`, [attestation.ref]) : passed('keyManagement', observed, [attestation.ref]));
  }),
});
