import { defineControl } from '../define-control';
import { instanceRef, msInstance } from '../support/cloud';
import { need, ptr } from '../support/facts';
import { failed, passed, single, undecided } from '../support/verdict';

const DEFAULT_NETWORK = /\/global\/networks\/default$/;

export default defineControl('RED-NET-003', {
  expected: {
    ec: () => 'no member cluster in the subnet group named "default"',
    ms: () => 'authorizedNetwork is not the project\'s "default" network',
  },
  ec(facts) {
    const members = need(facts.members, ptr('members'));
    if (!members.ok) return members.verdict;
    const groups = members.value.clusters.map((c) => ({ member: c.CacheClusterId, subnetGroup: c.CacheSubnetGroupName }));
    const refs = [ptr('members')];
    const onDefault = groups.filter((g) => g.subnetGroup === 'default').map((g) => g.member);
    if (onDefault.length) return single(failed('subnetGroup', groups, `subnet group "default" used by ${onDefault.join(', ')}`, refs));
    const unknown = groups.filter((g) => g.subnetGroup === null).map((g) => g.member);
    if (groups.length === 0 || unknown.length) {
      return single(undecided('subnetGroup', 'not_assessable', `CacheSubnetGroupName absent for ${unknown.join(', ') || 'every member'}`, refs, groups));
    }
    return single(passed('subnetGroup', groups, refs));
  },
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const network = instance.value.authorizedNetwork;
    const ref = instanceRef('authorizedNetwork');
    // Without authorizedNetwork the instance is created in the project's default network.
    if (!network || DEFAULT_NETWORK.test(network)) {
      return single(failed('authorizedNetwork', network, `the instance is on the default network${network ? '' : ' (authorizedNetwork unset)'}`, [ref]));
    }
    return single(passed('authorizedNetwork', network, [ref]));
  },
});
