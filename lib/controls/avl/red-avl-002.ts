import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { inventoryRef } from '../support/inventory';
import { failed, notApplicable, passed, single, undecided } from '../support/verdict';
import type { ElastiCacheFacts, ElastiCacheSettings } from '../../facts/aws';
import { ecSettings, instanceRef, msInstance, settingRef } from '../support/cloud';

/** Zones of each node group's members (NodeGroupMembers, else the member clusters' own zones). */
function zonesPerGroup(facts: ElastiCacheFacts, settings: ElastiCacheSettings): { group: string; zones: string[] }[] {
  const memberZone = (id: string | null) =>
    facts.members.ok ? (facts.members.value.clusters.find((c) => c.CacheClusterId === id)?.PreferredAvailabilityZone ?? null) : null;
  return settings.NodeGroups.map((group) => ({
    group: group.NodeGroupId ?? '?',
    zones: [...new Set(group.NodeGroupMembers.map((m) => m.PreferredAvailabilityZone ?? memberZone(m.CacheClusterId)).filter((z): z is string => z !== null))],
  }));
}

export default defineControl('RED-AVL-002', {
  expected: {
    self: () => 'a replica in a different zone from the primary (inventory zone labels)',
    ec: () => 'MultiAZ = enabled and every node group spans ≥ 2 availability zones',
    ms: () => 'alternativeLocationId set and different from locationId',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const refs = [settingRef('MultiAZ'), settingRef('NodeGroups')];
    if (facts.kind === 'cache-cluster') return single(failed('multiAz', null, 'standalone cache cluster: a single node in one zone', refs));
    const groups = zonesPerGroup(facts, settings.value);
    const observed = { MultiAZ: settings.value.MultiAZ, nodeGroups: groups };
    const problems = [
      ...(settings.value.MultiAZ === 'enabled' ? [] : [`MultiAZ = ${settings.value.MultiAZ ?? 'absent'}`]),
      ...groups.filter((g) => g.zones.length < 2).map((g) => `node group ${g.group} in ${g.zones.join(', ') || 'no known zone'} only`),
    ];
    if (groups.length === 0) problems.push('no node group in the describe response');
    return single(problems.length ? failed('multiAz', observed, problems.join('; '), refs) : passed('multiAz', observed, refs));
  },
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const { tier, locationId, alternativeLocationId } = instance.value;
    if (tier === 'BASIC') return notApplicable('BASIC tier: no replica to place (reported by RED-AVL-001)', [instanceRef('tier')], 'RED-AVL-001');
    const refs = [instanceRef('locationId'), instanceRef('alternativeLocationId')];
    const observed = { locationId, alternativeLocationId };
    return single(
      alternativeLocationId && alternativeLocationId !== locationId
        ? passed('zones', observed, refs)
        : failed('zones', observed, `no alternative zone: primary and replica both in ${locationId ?? 'an unknown zone'}`, refs),
    );
  },
  self(facts, ctx) {
    const role = need(facts.role, ptr('role'));
    if (!role.ok) return role.verdict;
    if (role.value.role === 'master' && role.value.replicas.length === 0) {
      return notApplicable('no replicas: reported by RED-AVL-001', [ptr('role')], 'RED-AVL-001');
    }
    const zone = ctx.instance?.zone;
    const replicaZones = ctx.instance?.replicaZones ?? [];
    const refs = [inventoryRef('zone'), inventoryRef('replicaZones')];
    if (!zone || replicaZones.length === 0) {
      return single(undecided('zones', 'not_assessable', 'no zone labels for the primary and its replicas in the inventory', refs));
    }
    const observed = { primary: zone, replicas: replicaZones };
    return single(
      replicaZones.some((z) => z !== zone)
        ? passed('zones', observed, refs)
        : failed('zones', observed, `primary and every replica in zone ${zone}`, refs),
    );
  },
});
