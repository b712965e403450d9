import type { Collected } from '../../facts/common';
import type { FactsSnapshot } from '../context';
import { defineControl } from '../define-control';
import { missingCheck, ptr } from '../support/facts';
import { recordRef } from '../support/records';
import { combine, failed, passed, type Check } from '../support/verdict';
import type { AccessReviewRecord, ChangeRecord } from '../types';
import { currentRecord, onEveryPlatform, sameName } from './support';

interface CurrentUsers {
  /** null when the platform has no users (Memorystore: one AUTH string). */
  users: Collected<{ id: string; aliases: string[] }[]> | null;
  ref: string;
}

function currentUsers(facts: FactsSnapshot): CurrentUsers {
  switch (facts.platform) {
    case 'self':
      return {
        users: facts.acl.users.ok ? { ...facts.acl.users, value: facts.acl.users.value.filter((u) => u.enabled).map((u) => ({ id: u.name, aliases: [] })) } : facts.acl.users,
        ref: ptr('acl', 'users'),
      };
    case 'ec':
    case 'ecs': {
      const groups = facts.userGroups;
      if (!groups.ok) return { users: groups, ref: ptr('userGroups') };
      const users = new Map<string, { id: string; aliases: string[] }>();
      for (const g of groups.value.groups) for (const u of g.users) users.set(u.UserId, { id: u.UserId, aliases: u.UserName ? [u.UserName] : [] });
      return { users: { ...groups, value: [...users.values()] }, ref: ptr('userGroups') };
    }
    case 'ms':
      return { users: null, ref: ptr('instance', 'value', 'authEnabled') };
  }
}

/** An approved change record after the review that adds the user. */
function addedByChange(name: string, review: AccessReviewRecord, changes: ChangeRecord[]): ChangeRecord | undefined {
  return changes.find(
    (c) => Date.parse(c.approvedAt) >= Date.parse(review.approvedAt) && (c.changedFields ?? []).some((f) => sameName(f, `acl user ${name}`) || sameName(f, `user ${name}`)),
  );
}

export default defineControl('RED-PRC-005', {
  expected: (t) => `access review ≤ ${t.accessReviewMaxAgeDays} days old by a reviewer other than the owner; every current user reviewed "keep" or added by an approved change since`,
  ...onEveryPlatform((facts, ctx) => {
    const review = currentRecord('review', ctx, 'access_review', ctx.thresholds.accessReviewMaxAgeDays);
    if (!review.found) return combine([review.check]);
    const r = review.record;
    const checks: Check[] = [
      r.reviewer && !sameName(r.reviewer, r.claims.owner)
        ? passed('review', { approvedAt: r.approvedAt, reviewer: r.reviewer, owner: r.claims.owner }, [review.ref])
        : failed('review', { reviewer: r.reviewer, owner: r.claims.owner }, r.reviewer ? 'the reviewer is the instance owner' : 'the review names no reviewer', [review.ref]),
    ];
    const { users, ref } = currentUsers(facts as FactsSnapshot);
    if (users === null) {
      checks.push(passed('users', 'no per-user credentials on this platform (AUTH string only)', [ref]));
    } else if (!users.ok) {
      checks.push(missingCheck('users', users, ref));
    } else {
      const decisions = r.claims.users;
      const decisionFor = (u: { id: string; aliases: string[] }) => decisions.find((d) => [u.id, ...u.aliases].some((n) => sameName(d.name, n)));
      const problems: string[] = [];
      const changeRefs: string[] = [];
      for (const user of users.value) {
        const decision = decisionFor(user);
        if (decision?.decision === 'keep') continue;
        const change = addedByChange(user.id, r, ctx.records?.changes ?? []);
        if (change && !decision) {
          changeRefs.push(recordRef('change', change.id));
          continue;
        }
        problems.push(decision ? `${user.id} was to be removed but is still present` : `${user.id} not in the review and added without an approved change`);
      }
      const observed = { current: users.value.map((u) => u.id), reviewed: decisions.length };
      checks.push(problems.length ? failed('users', observed, problems.join('; '), [ref, review.ref]) : passed('users', observed, [ref, review.ref, ...changeRefs]));
    }
    return combine(checks);
  }),
});
