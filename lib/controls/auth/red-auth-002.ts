import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { failed, notApplicable, passed, single, undecided } from '../support/verdict';
import { settingRef, type AwsFacts } from '../support/cloud';
import { isEnabled, rbacState, USER_GROUPS_REF, type RbacUser } from '../support/rbac';

/** Every user of the attached groups is off, or authenticates with a password or IAM. */
function rbacPasswordless(facts: AwsFacts) {
  const state = rbacState(facts);
  if (state.kind === 'missing') return state.verdict;
  if (state.kind === 'no-user-group') {
    return facts.platform === 'ec' && facts.settings.ok && facts.settings.value.AuthTokenEnabled
      ? notApplicable('AUTH token in use, no RBAC users (token rotation: RED-ROT-001)', [settingRef('AuthTokenEnabled')])
      : notApplicable('no user group attached: reported by RED-AUTH-001', [settingRef(facts.platform === 'ec' ? 'UserGroupIds' : 'UserGroupId')], 'RED-AUTH-001');
  }
  const unknown = [
    ...state.users.flatMap((u) => (u.problem ? [u.problem] : [])),
    ...state.users.filter((u) => isEnabled(u) && u.user.AuthenticationType === null).map((u) => `user ${u.user.UserId}: Authentication.Type absent`),
  ];
  const open = state.users.filter((u) => isEnabled(u) && u.user.AuthenticationType === 'no-password');
  const refs = [USER_GROUPS_REF];
  const describe = (u: RbacUser) => `${u.user.UserId} in ${u.group}${u.user.UserId === 'default' ? ' (the built-in default user)' : ''}`;
  const observed = {
    groups: state.groups.map((g) => g.UserGroupId),
    users: state.users.map((u) => ({ userId: u.user.UserId, userName: u.user.UserName, enabled: isEnabled(u), authentication: u.user.AuthenticationType })),
  };
  if (open.length) {
    return single(failed('users', observed, `enabled users without a password: ${open.map(describe).join(', ')}`, [...refs, ...open.map((u) => u.ref)]));
  }
  if (unknown.length) return single(undecided('users', 'not_assessable', unknown.join('; '), refs, observed));
  return single(passed('users', observed, refs));
}

export default defineControl('RED-AUTH-002', {
  expected: {
    self: () => 'no ACL user is both on and nopass',
    ec: () => 'every user of the attached user groups is off or authenticates with a password or IAM (the built-in default user included)',
    ecs: () => 'every user of the attached user group is off or authenticates with a password or IAM (the built-in default user included)',
  },
  ec: rbacPasswordless,
  ecs: rbacPasswordless,
  self(facts) {
    const ref = ptr('acl', 'users');
    const users = need(facts.acl.users, ref);
    if (!users.ok) return users.verdict;
    const open = users.value.filter((u) => u.enabled && u.nopass).map((u) => u.name);
    const observed = { users: users.value.length, enabledNopass: open };
    return single(
      open.length ? failed('users', observed, `enabled users without a password: ${open.join(', ')}`, [ref]) : passed('users', observed, [ref]),
    );
  },
});
