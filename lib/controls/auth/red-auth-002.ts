import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { failed, passed, single } from '../support/verdict';

export default defineControl('RED-AUTH-002', {
  expected: () => 'no ACL user is both on and nopass',
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
