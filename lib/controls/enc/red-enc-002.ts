import { defineControl } from '../define-control';
import { ecSettings, ecsSettings, instanceRef, msInstance, settingRef } from '../support/cloud';
import { failed, passed, single } from '../support/verdict';

const keyCheck = (field: string, key: string | null, ref: string, missing: string) =>
  single(key ? passed('customerManagedKey', key, [ref]) : failed('customerManagedKey', null, `${field} absent: ${missing}`, [ref]));

export default defineControl('RED-ENC-002', {
  expected: {
    ec: () => 'ReplicationGroup.KmsKeyId set (a customer-managed KMS key)',
    ecs: () => 'ServerlessCache.KmsKeyId set (a customer-managed KMS key)',
    ms: () => 'customerManagedKey set (a Cloud KMS key)',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    if (facts.kind === 'cache-cluster') {
      return single(failed('customerManagedKey', null, 'standalone cache cluster: a CacheCluster cannot show a customer-managed key (no KmsKeyId field)', [settingRef('KmsKeyId')]));
    }
    return keyCheck('KmsKeyId', settings.value.KmsKeyId, settingRef('KmsKeyId'), 'encrypted (if at all) with an AWS-owned key');
  },
  ecs(facts) {
    const settings = ecsSettings(facts);
    if (!settings.ok) return settings.verdict;
    return keyCheck('KmsKeyId', settings.value.KmsKeyId, settingRef('KmsKeyId'), 'encrypted with an AWS-owned key');
  },
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    return keyCheck('customerManagedKey', instance.value.customerManagedKey, instanceRef('customerManagedKey'), 'Google default encryption');
  },
});
