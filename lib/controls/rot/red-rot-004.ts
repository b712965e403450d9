import { defineControl } from '../define-control';
import { recordRef } from '../support/records';
import { combine, failed, passed, type Check } from '../support/verdict';
import type { RotationRecord } from '../types';
import { ageDays, noRecordStore } from '../prc/support';

/** Keys a self-hosted estate rotates outside Redis: the data volume's, the backups', the KMS key. */
const KEY_KINDS = ['disk_key', 'backup_key', 'kms_key'];

export default defineControl('RED-ROT-004', {
  expected: { self: (t) => `every disk and backup encryption key recorded has a rotation ≤ ${t.kmsRotationMaxDays} days ago` },
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
