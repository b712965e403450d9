import { userSubject } from '../../rotations/credentials';
import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { recordRef } from '../support/records';
import { combine, failed, notApplicable, passed, undecided, type Check } from '../support/verdict';
import { ageDays, noRecordStore } from '../prc/support';

export default defineControl('RED-ROT-002', {
  expected: (t) =>
    `every enabled password-authenticated user rotated — detected from a new password fingerprint or recorded — within ${t.passwordMaxAgeDays} days`,
  self(facts, ctx) {
    const ref = ptr('acl', 'users');
    const users = need(facts.acl.users, ref);
    if (!users.ok) return users.verdict;
    const withPassword = users.value.filter((u) => u.enabled && u.passwords.count > 0);
    if (withPassword.length === 0) {
      return notApplicable('no enabled user authenticates with a password (authentication itself: RED-AUTH-001, RED-AUTH-002)', [ref]);
    }
    if (!ctx.records) return combine([noRecordStore('rotation', 'detected and recorded rotations')]);
    const max = ctx.thresholds.passwordMaxAgeDays;
    const previous = ctx.previousFacts?.acl.users.ok ? ctx.previousFacts.acl.users.value : null;
    const checks: Check[] = withPassword.map((user): Check => {
      const subject = userSubject(user.name);
      // A fingerprint the previous snapshot did not show: rotated now (stored as a Rotation after this scan).
      const before = previous?.find((u) => u.name === user.name);
      const rotatedNow = before !== undefined && before.passwords.count > 0 && user.passwords.fingerprints.some((fp) => !before.passwords.fingerprints.includes(fp));
      const rotations = (ctx.records!.rotations ?? []).filter((r) => r.kind === 'acl_password' && r.subject === subject).sort((a, b) => Date.parse(b.rotatedAt) - Date.parse(a.rotatedAt));
      const last = rotatedNow
        ? { at: facts.meta.collectedAt, from: 'this snapshot', ref: ref }
        : rotations[0]
          ? { at: rotations[0].rotatedAt, from: rotations[0].detectedFrom, ref: recordRef('rotation', rotations[0].id) }
          : null;
      if (last) {
        const age = ageDays(last.at, ctx.now);
        const observed = { user: user.name, lastRotatedAt: last.at, detectedFrom: last.from, ageDays: age };
        return age <= max ? passed(user.name, observed, [last.ref]) : failed(user.name, observed, `${user.name}: password last rotated ${age} days ago`, [last.ref]);
      }
      const observation = (ctx.records!.credentialObservations ?? []).find((o) => o.kind === 'acl_password' && o.subject === subject);
      const observedDays = observation ? ageDays(observation.firstSeenAt, ctx.now) : 0;
      const observed = { user: user.name, observedSince: observation?.firstSeenAt ?? null, observedDays };
      const refs = [ref, recordRef('credential-observation', subject)];
      return observedDays > max
        ? failed(user.name, observed, `${user.name}: password unchanged for ${observedDays} observed days`, refs)
        : undecided(user.name, 'not_assessable', `${user.name}: observed for ${observedDays} days with no rotation detected or recorded, so its age is unknown`, refs, observed);
    });
    return combine(checks);
  },
});
