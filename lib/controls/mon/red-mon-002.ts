import { isIP } from 'node:net';
import { defineControl } from '../define-control';
import { noDataPlane } from '../support/cloud';
import { need, ptr } from '../support/facts';
import { hostOfAddr, inRanges, rangeList } from '../support/network';
import { failed, passed, single } from '../support/verdict';

/** Evidence keeps networks, not hosts: /24 for IPv4, /64 for IPv6 (catalog). */
function networkOf(host: string): string {
  if (isIP(host) === 4) return `${host.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIP(host) === 6) return `${expandIpv6(host).slice(0, 4).join(':')}::/64`;
  return host;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right];
}

/** The cloud scan reads the provider API only; this control needs the data plane. */
const withoutDataPlane = () => noDataPlane('CLIENT LIST');

export default defineControl('RED-MON-002', {
  expected: (t) => `every client address inside allowedClientCidrs (${t.allowedClientCidrs.join(', ')})`,
  ec: withoutDataPlane,
  ecs: withoutDataPlane,
  ms: withoutDataPlane,
  self(facts, ctx) {
    const ref = ptr('clients');
    const clients = need(facts.clients, ref);
    if (!clients.ok) return clients.verdict;
    const allowed = rangeList(ctx.thresholds.allowedClientCidrs);
    const counts: Record<string, { clients: number; users: Record<string, number>; allowed: boolean }> = {};
    for (const client of clients.value.filter((c) => !c.self)) {
      const host = hostOfAddr(client.addr);
      // Unix-socket clients are local to the server.
      const local = host.startsWith('/');
      const key = local ? 'unix-socket' : networkOf(host);
      const entry = (counts[key] ??= { clients: 0, users: {}, allowed: local || inRanges(host, allowed) });
      entry.clients += 1;
      entry.users[client.user] = (entry.users[client.user] ?? 0) + 1;
    }
    const unknown = Object.entries(counts).filter(([, c]) => !c.allowed).map(([network]) => network);
    return single(
      unknown.length
        ? failed('clients', counts, `clients from networks outside the allowlist: ${unknown.join(', ')}`, [ref])
        : passed('clients', counts, [ref]),
    );
  },
});
