import { defineControl } from '../define-control';
import { isAdmin, isScanner, isUnrestricted, isUnscopedWriter } from '../support/acl';
import { need, ptr } from '../support/facts';
import { failed, passed, single } from '../support/verdict';

export default defineControl('RED-ACL-002', {
  expected: (t) =>
    `every enabled user other than the admins (${t.adminUsers.join(', ') || 'none named'}) and the scanner is neither unrestricted (all keys and all commands) nor an unscoped writer`,
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
