import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { failed, passed, single, undecided } from '../support/verdict';

export default defineControl('RED-BAK-004', {
  expected: (t) =>
    `every backup copy recorded in the last ${t.backupMaxAgeHours} h encrypted with an external key (KMS key id, not on the Redis host)`,
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
