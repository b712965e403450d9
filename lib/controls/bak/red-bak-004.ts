import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { failed, passed, single, undecided } from '../support/verdict';
import { absentField, ecSettings, settingRef } from '../support/cloud';
import { need, ptr } from '../support/facts';
import { passByPlatform } from '../support/platform-guarantees';

export default defineControl('RED-BAK-004', {
  expected: {
    self: (t) => `every backup copy recorded in the last ${t.backupMaxAgeHours} h encrypted with an external key (KMS key id, not on the Redis host)`,
    ec: () => 'snapshots come from an at-rest-encrypted source (AtRestEncryptionEnabled = true; platform guarantee: it covers backups in S3)',
    ecs: () => 'backups encrypted by the service (platform guarantee)',
    ms: () => 'backups encrypted by the service (platform guarantee)',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const snapshots = need(facts.snapshots, ptr('snapshots'));
    if (!snapshots.ok) return snapshots.verdict;
    const ref = settingRef('AtRestEncryptionEnabled');
    const atRest = settings.value.AtRestEncryptionEnabled;
    if (atRest === null) return single(absentField('backupEncryption', 'AtRestEncryptionEnabled', ref));
    if (!atRest) {
      const observed = { AtRestEncryptionEnabled: false, snapshots: snapshots.value.map((s) => ({ name: s.SnapshotName, KmsKeyId: s.KmsKeyId })) };
      return single(failed('backupEncryption', observed, 'snapshots of a cache without at-rest encryption are stored unencrypted', [ref, ptr('snapshots')]));
    }
    return passByPlatform('ec-encrypted-backups', facts, [ref, ptr('snapshots')]);
  },
  ecs: (facts) => passByPlatform('ecs-encrypted-backups', facts),
  ms: (facts) => passByPlatform('ms-encrypted-backups', facts),
  self(_facts, ctx) {
    if (!ctx.records) {
      return single(undecided('copies', 'not_assessable', 'no backup-copy records supplied to this evaluation', []));
    }
    const since = ctx.now.getTime() - ctx.thresholds.backupMaxAgeHours * 3_600_000;
    const recent = (ctx.records.backupCopies ?? []).filter((c) => Date.parse(c.createdAt) >= since);
    if (recent.length === 0) {
      return single(failed('copies', [], `no backup copy recorded in the last ${ctx.thresholds.backupMaxAgeHours} h`, []));
    }
    const refs = recent.map((c) => recordRef('backup-copy', c.id));
    const weak = recent.filter((c) => !c.encrypted || !c.keyRef || c.keyOnRedisHost);
    const observed = recent.map((c) => ({ id: c.id, createdAt: c.createdAt, encrypted: c.encrypted, keyRef: c.keyRef, keyOnRedisHost: c.keyOnRedisHost }));
    return single(
      weak.length
        ? failed('copies', observed, `copies not encrypted with an external key: ${weak.map((c) => c.id).join(', ')}`, refs)
        : passed('copies', observed, refs),
    );
  },
});
