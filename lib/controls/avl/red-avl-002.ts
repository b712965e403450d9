import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { inventoryRef } from '../support/inventory';
import { failed, notApplicable, passed, single, undecided } from '../support/verdict';

export default defineControl('RED-AVL-002', {
  expected: () => 'a replica in a different zone from the primary (inventory zone labels)',
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
