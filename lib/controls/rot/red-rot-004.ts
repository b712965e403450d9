import type { CollectedMissing } from '../../facts/common';
import { defineControl } from '../define-control';
import { ecSettings, ecsSettings, instanceRef, msInstance, settingRef, uncollected } from '../support/cloud';
import { missingCheck, ptr } from '../support/facts';
import { recordRef } from '../support/records';
import { combine, failed, notApplicable, passed, single, type Check, type Verdict } from '../support/verdict';
import type { RotationRecord } from '../types';
import { ageDays, noRecordStore } from '../prc/support';

/** Keys a self-hosted estate rotates outside Redis: the data volume's, the backups', the KMS key. */
const KEY_KINDS = ['disk_key', 'backup_key', 'kms_key'];

const NO_CMK = 'no customer-managed key: there is no key of the organisation to rotate (RED-ENC-002)';

/** The key's rotation status comes from KMS, whose facts this build does not collect (catalog §1.6 optional APIs). */
function kmsVerdict(key: string | null, keyRef: string, kmsKey: CollectedMissing): Verdict {
  if (!key) return notApplicable(NO_CMK, [keyRef], 'RED-ENC-002');
  return single(missingCheck('keyRotation', kmsKey, ptr('kmsKey')));
}

export default defineControl('RED-ROT-004', {
  expected: {
    self: (t) => `every disk and backup encryption key recorded has a rotation ≤ ${t.kmsRotationMaxDays} days ago`,
    ec: (t) => `the KmsKeyId key enabled with automatic rotation every ≤ ${t.kmsRotationMaxDays} days (kms:GetKeyRotationStatus)`,
    ecs: (t) => `the KmsKeyId key enabled with automatic rotation every ≤ ${t.kmsRotationMaxDays} days (kms:GetKeyRotationStatus)`,
    ms: (t) => `the customerManagedKey enabled with rotationPeriod ≤ ${t.kmsRotationMaxDays} days (cryptoKeys.get)`,
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    return kmsVerdict(facts.kind === 'cache-cluster' ? null : settings.value.KmsKeyId, settingRef('KmsKeyId'), uncollected(facts.kmsKey));
  },
  ecs(facts) {
    const settings = ecsSettings(facts);
    if (!settings.ok) return settings.verdict;
    return kmsVerdict(settings.value.KmsKeyId, settingRef('KmsKeyId'), uncollected(facts.kmsKey));
  },
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    return kmsVerdict(instance.value.customerManagedKey, instanceRef('customerManagedKey'), uncollected(facts.kmsKey));
  },
  self(_facts, ctx) {
    if (!ctx.records) return combine([noRecordStore('keys', 'key rotation records')]);
    const rotations = (ctx.records.rotations ?? []).filter((r) => KEY_KINDS.includes(r.kind));
    if (rotations.length === 0) return combine([failed('keys', [], 'no disk or backup key rotation recorded', [])]);
    const newest = new Map<string, RotationRecord>();
    for (const r of rotations) {
      const key = `${r.kind}:${r.subject}`;
      if (!newest.has(key) || Date.parse(r.rotatedAt) > Date.parse(newest.get(key)!.rotatedAt)) newest.set(key, r);
    }
    const checks: Check[] = [...newest.values()].map((r) => {
      const age = ageDays(r.rotatedAt, ctx.now);
      const observed = { kind: r.kind, key: r.subject, rotatedAt: r.rotatedAt, ageDays: age };
      const ref = recordRef('rotation', r.id);
      return age <= ctx.thresholds.kmsRotationMaxDays
        ? passed(r.subject, observed, [ref])
        : failed(r.subject, observed, `${r.kind.replace('_', ' ')} ${r.subject} last rotated ${age} days ago`, [ref]);
    });
    return combine(checks);
  },
});
