import type { SubnetRouting } from '../../facts/aws';
import { defineControl } from '../define-control';
import { instanceRef, msInstance } from '../support/cloud';
import { missingVerdict, ptr } from '../support/facts';
import { failed, passed, single, undecided, type Verdict } from '../support/verdict';

const DEFAULT_ROUTES = new Set(['0.0.0.0/0', '::/0']);
const ROUTES_REF = ptr('routes');

/** No cache subnet routes 0.0.0.0/0 or ::/0 to an internet gateway (the subnet is private). */
function privateSubnets(routes: SubnetRouting[]): Verdict {
  if (routes.length === 0) return single(undecided('routes', 'not_assessable', 'no cache subnet in the describe responses', [ROUTES_REF]));
  const observed = routes.map((r) => ({ subnet: r.SubnetId, routeTable: r.RouteTableId, association: r.association }));
  const publicRoutes = routes.flatMap((r) =>
    r.Routes.filter((route) => route.GatewayId?.startsWith('igw-') && DEFAULT_ROUTES.has(route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? ''))
      .map((route) => `${r.SubnetId} (${r.RouteTableId}): ${route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock} → ${route.GatewayId}`),
  );
  if (publicRoutes.length) return single(failed('routes', observed, `public subnet: ${publicRoutes.join('; ')}`, [ROUTES_REF]));
  const unrouted = routes.filter((r) => r.association === 'none').map((r) => r.SubnetId);
  if (unrouted.length) return single(undecided('routes', 'not_assessable', `no route table found for subnet(s) ${unrouted.join(', ')}`, [ROUTES_REF], observed));
  return single(passed('routes', observed, [ROUTES_REF]));
}

const AWS_RULE = () => 'no cache subnet routes 0.0.0.0/0 or ::/0 to an internet gateway';

export default defineControl('RED-NET-002', {
  expected: { ec: AWS_RULE, ecs: AWS_RULE, ms: () => 'connectMode = PRIVATE_SERVICE_ACCESS' },
  ec: (facts) => (facts.routes.ok ? privateSubnets(facts.routes.value) : missingVerdict(facts.routes, ROUTES_REF)),
  ecs: (facts) => (facts.routes.ok ? privateSubnets(facts.routes.value) : missingVerdict(facts.routes, ROUTES_REF)),
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const mode = instance.value.connectMode;
    const ref = instanceRef('connectMode');
    if (mode === 'PRIVATE_SERVICE_ACCESS') return single(passed('connectMode', mode, [ref]));
    // The API documents DIRECT_PEERING as the default when the mode is not set.
    return single(failed('connectMode', mode, `connectMode ${mode ?? 'unset (defaults to DIRECT_PEERING)'}: legacy VPC peering, not private services access`, [ref]));
  },
});
