import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { failed, passed, single, undecided } from '../support/verdict';

export default defineControl('RED-CFG-004', {
  expected: { ec: () => 'no member cluster uses a parameter group whose name starts with "default."' },
  ec(facts) {
    const members = need(facts.members, ptr('members'));
    if (!members.ok) return members.verdict;
    const groups = members.value.clusters.map((c) => ({ member: c.CacheClusterId, group: c.CacheParameterGroupName, status: c.ParameterApplyStatus }));
    const refs = [ptr('members')];
    const defaults = groups.filter((g) => g.group?.startsWith('default.'));
    if (defaults.length) {
      return single(failed('parameterGroup', groups, `default parameter group in use: ${defaults.map((g) => `${g.member} ${g.group}`).join(', ')}`, refs));
    }
    const unknown = groups.filter((g) => g.group === null).map((g) => g.member);
    if (groups.length === 0 || unknown.length) {
      return single(undecided('parameterGroup', 'not_assessable', `CacheParameterGroup absent for ${unknown.join(', ') || 'every member'}`, refs, groups));
    }
    return single(passed('parameterGroup', groups, refs));
  },
});
