import { defineControl } from '../define-control';
import { missingCheck, need, ptr } from '../support/facts';
import { combine, failed, passed, single, undecided, type Check } from '../support/verdict';
import { absentField, ecSettings, instanceRef, msInstance, settingRef } from '../support/cloud';

export default defineControl('RED-AVL-001', {
  expected: {
    self: () => '≥ 1 replica, and cluster mode or a Sentinel quorum monitoring this primary',
    ec: () => 'AutomaticFailover = enabled (a replication group; standalone cache clusters have none)',
    ms: () => 'tier STANDARD_HA with replicaCount ≥ 1',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const ref = settingRef('AutomaticFailover');
    if (facts.kind === 'cache-cluster') return single(failed('automaticFailover', null, 'standalone cache cluster: no replica and no automatic failover', [ref]));
    const failover = settings.value.AutomaticFailover;
    if (failover === null) return single(absentField('automaticFailover', 'AutomaticFailover', ref));
    return single(failover === 'enabled' ? passed('automaticFailover', failover, [ref]) : failed('automaticFailover', failover, `AutomaticFailover = ${failover}`, [ref]));
  },
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const { tier, replicaCount, nodes } = instance.value;
    const refs = [instanceRef('tier'), instanceRef('replicaCount'), instanceRef('nodes')];
    // replicaCount is 0 when proto3 leaves it out; the node list also shows the replicas.
    const replicas = Math.max(replicaCount ?? 0, nodes.length - 1);
    const observed = { tier, replicaCount, nodes: nodes.length };
    if (tier === 'BASIC') return single(failed('failover', observed, 'BASIC tier: a single node without failover', refs));
    if (tier !== 'STANDARD_HA') return single(undecided('failover', 'not_assessable', `tier ${tier ?? 'absent'} is not a known Memorystore tier`, refs, observed));
    return single(
      replicas >= 1
        ? passed('failover', observed, refs)
        : undecided('failover', 'not_assessable', 'STANDARD_HA but neither replicaCount nor the node list shows a replica', refs, observed),
    );
  },
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
