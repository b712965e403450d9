import { defineControl } from '../define-control';
import { missingCheck, need, ptr } from '../support/facts';
import { combine, failed, passed, type Check } from '../support/verdict';

export default defineControl('RED-AVL-001', {
  expected: () => '≥ 1 replica, and cluster mode or a Sentinel quorum monitoring this primary',
  self(facts) {
    const roleRef = ptr('role');
    const role = need(facts.role, roleRef);
    if (!role.ok) return role.verdict;
    const server = need(facts.server, ptr('server'));
    if (!server.ok) return server.verdict;
    const replicas = role.value.role === 'slave' ? 'this node is a replica' : role.value.replicas.length;
    const replicaCheck: Check =
      replicas === 0
        ? failed('replicas', 0, 'no replica to fail over to', [roleRef])
        : passed('replicas', replicas, [roleRef]);
    if (server.value.mode === 'cluster') {
      // Each shard is probed on its own endpoint: this result covers the probed node's shard.
      return combine([replicaCheck, passed('failoverManager', 'cluster mode (this shard)', [ptr('server', 'mode')])]);
    }
    const sentinelRef = ptr('sentinel');
    const sentinel = facts.sentinel;
    let manager: Check;
    if (!sentinel) {
      manager = failed('failoverManager', 'none', 'not in cluster mode and no Sentinel endpoint in the inventory', [ptr('server', 'mode')]);
    } else if (!sentinel.ok) {
      manager = missingCheck('failoverManager', sentinel, sentinelRef);
    } else {
      const s = sentinel.value;
      const observed = { name: s.name, quorum: s.quorum, knownSentinels: s.knownSentinels, flags: s.flags, monitorsThisPrimary: s.monitorsThisPrimary };
      const problems = [
        ...(s.monitorsThisPrimary ? [] : [`Sentinels monitor ${s.name} at another address`]),
        ...(s.knownSentinels >= s.quorum ? [] : [`${s.knownSentinels} Sentinel(s) for quorum ${s.quorum}`]),
        ...(s.flags.some((f) => f === 's_down' || f === 'o_down') ? [`Sentinels flag the primary ${s.flags.join(',')}`] : []),
      ];
      manager = problems.length ? failed('failoverManager', observed, problems.join('; '), [sentinelRef]) : passed('failoverManager', observed, [sentinelRef]);
    }
    return combine([replicaCheck, manager]);
  },
});
