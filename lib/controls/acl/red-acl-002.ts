import { defineControl } from '../define-control';
import { isAdmin, isScanner, isUnrestricted, isUnscopedWriter } from '../support/acl';
import { need, ptr } from '../support/facts';
import { failed, passed, single, undecided } from '../support/verdict';
import { isUnrestrictedAccess, isUnscopedWriterAccess } from '../support/access-string';
import type { AwsFacts } from '../support/cloud';
import { isEnabled, isPrivileged, rbacState, USER_GROUPS_REF, withoutRbacUsers } from '../support/rbac';
import type { Thresholds } from '../thresholds';

const RULE = (t: Thresholds) =>
  `every enabled user other than the admins (${t.adminUsers.join(', ') || 'none named'}) and the scanner is neither unrestricted (all keys and all commands) nor an unscoped writer`;

function rbacLeastPrivilege(facts: AwsFacts, ctx: { thresholds: Thresholds }) {
  const state = rbacState(facts);
  if (state.kind === 'missing') return state.verdict;
  if (state.kind === 'no-user-group') return withoutRbacUsers(facts);
  const checked = state.users.filter((u) => (isEnabled(u) || u.problem) && !isPrivileged(u, ctx.thresholds));
  const violations = checked.flatMap((u) => {
    if (!u.access) return [];
    if (isUnrestrictedAccess(u.access)) return [{ user: u.user.UserId, problem: 'unrestricted (all keys and all commands)' }];
    if (isUnscopedWriterAccess(u.access)) return [{ user: u.user.UserId, problem: 'writes with every key (~*)' }];
    return [];
  });
  const unparsed = checked.filter((u) => u.problem !== null);
  const observed = { checked: checked.map((u) => u.user.UserId), violations };
  if (violations.length) return single(failed('leastPrivilege', observed, violations.map((v) => `${v.user}: ${v.problem}`).join('; '), [USER_GROUPS_REF]));
  if (unparsed.length) return single(undecided('leastPrivilege', 'not_assessable', unparsed.map((u) => u.problem).join('; '), [USER_GROUPS_REF], observed));
  return single(passed('leastPrivilege', observed, [USER_GROUPS_REF]));
}

export default defineControl('RED-ACL-002', {
  expected: { self: RULE, ec: RULE, ecs: RULE },
  ec: rbacLeastPrivilege,
  ecs: rbacLeastPrivilege,
  self(facts, ctx) {
    const ref = ptr('acl', 'users');
    const users = need(facts.acl.users, ref);
    if (!users.ok) return users.verdict;
    const dryRun = facts.acl.dryRun.ok ? facts.acl.dryRun.value : null;
    const checked = users.value.filter((u) => u.enabled && !isAdmin(u.name, ctx.thresholds) && !isScanner(u.name, facts, ctx.thresholds));
    const violations = checked.flatMap((u) => {
      if (isUnrestricted(u)) return [{ user: u.name, problem: 'unrestricted (all keys and all commands)' }];
      if (isUnscopedWriter(u, dryRun)) return [{ user: u.name, problem: 'writes with every key (~*)' }];
      return [];
    });
    const observed = { checked: checked.map((u) => u.name), violations };
    const refs = dryRun ? [ref, ptr('acl', 'dryRun')] : [ref];
    return single(
      violations.length
        ? failed('leastPrivilege', observed, violations.map((v) => `${v.user}: ${v.problem}`).join('; '), refs)
        : passed('leastPrivilege', observed, refs),
    );
  },
});
