// EC2 security-group rules of an ElastiCache cache (RED-NET-001 ingress, RED-NET-004 egress).
// Network ACLs are not evaluated: a world-open group fails even where a NACL blocks the traffic.

import type { SecurityGroupRule, SecurityGroupsFact } from '../../facts/aws';
import type { Collected } from '../../facts/common';
import { missingCheck, ptr } from './facts';
import { cidrInside } from './network';
import { failed, passed, undecided, type Check } from './verdict';

const REF = ptr('securityGroups');
const WORLD = new Set(['0.0.0.0/0', '::/0']);

function portsOf(rule: SecurityGroupRule): string {
  if (rule.IpProtocol === '-1') return 'all traffic';
  const from = rule.FromPort ?? 0;
  const to = rule.ToPort ?? 65535;
  return `${rule.IpProtocol} ${from === to ? from : `${from}-${to}`}`;
}

/** The rule admits traffic to `port`: all protocols, or tcp with the port inside FromPort..ToPort. */
function coversPort(rule: SecurityGroupRule, port: number): boolean {
  if (rule.IpProtocol === '-1') return true;
  return rule.IpProtocol === 'tcp' && (rule.FromPort ?? 0) <= port && port <= (rule.ToPort ?? 65535);
}

function groupsOrMissing(name: string, fact: Collected<SecurityGroupsFact>): { ok: true; value: SecurityGroupsFact } | { ok: false; check: Check } {
  if (!fact.ok) return { ok: false, check: missingCheck(name, fact, REF) };
  if (fact.value.missingGroupIds.length) {
    const ids = fact.value.missingGroupIds.join(', ');
    return { ok: false, check: undecided(name, 'not_assessable', `security group(s) ${ids} attached to the cache but not returned by EC2 DescribeSecurityGroups`, [REF]) };
  }
  if (fact.value.groups.length === 0) {
    return { ok: false, check: undecided(name, 'not_assessable', 'no security group is attached to the cache in the describe responses', [REF]) };
  }
  return { ok: true, value: fact.value };
}

/** Every ingress rule that reaches a cache port allows only security groups or CIDRs inside `allowed`. */
export function ingressCheck(fact: Collected<SecurityGroupsFact>, ports: number[], allowed: readonly string[]): Check {
  const name = 'ingress';
  const groups = groupsOrMissing(name, fact);
  if (!groups.ok) return groups.check;
  const outside: string[] = [];
  const prefixLists: string[] = [];
  groups.value.groups.forEach((group) => {
    for (const rule of group.IpPermissions.filter((r) => ports.some((port) => coversPort(r, port)))) {
      const sources = [...rule.IpRanges.map((r) => r.CidrIp), ...rule.Ipv6Ranges.map((r) => r.CidrIpv6)];
      for (const cidr of sources.filter((c) => !cidrInside(c, allowed))) outside.push(`${group.GroupId}: ${portsOf(rule)} from ${cidr}`);
      for (const list of rule.PrefixListIds) prefixLists.push(`${group.GroupId}: ${portsOf(rule)} from ${list.PrefixListId}`);
    }
  });
  const observed = { ports, groups: groups.value.groups.map((g) => g.GroupId), outsideAllowed: outside, prefixLists };
  if (outside.length) return failed(name, observed, `ingress to the cache port from outside allowedClientCidrs: ${outside.join('; ')}`, [REF]);
  if (prefixLists.length) {
    return undecided(name, 'not_assessable', `managed prefix list source not resolved: ${prefixLists.join('; ')}`, [REF], observed);
  }
  return passed(name, observed, [REF]);
}

/** No egress rule sends all traffic (or every port) to 0.0.0.0/0 or ::/0. */
export function egressCheck(fact: Collected<SecurityGroupsFact>): Check {
  const name = 'egress';
  const groups = groupsOrMissing(name, fact);
  if (!groups.ok) return groups.check;
  const open = groups.value.groups.flatMap((group) =>
    group.IpPermissionsEgress.filter((rule) => rule.IpProtocol === '-1' || ((rule.FromPort ?? 0) === 0 && (rule.ToPort ?? 65535) === 65535))
      .flatMap((rule) =>
        [...rule.IpRanges.map((r) => r.CidrIp), ...rule.Ipv6Ranges.map((r) => r.CidrIpv6)]
          .filter((cidr) => WORLD.has(cidr))
          .map((cidr) => `${group.GroupId}: ${portsOf(rule)} to ${cidr}`),
      ),
  );
  const observed = { groups: groups.value.groups.map((g) => g.GroupId), unrestricted: open };
  return open.length ? failed(name, observed, `unrestricted egress: ${open.join('; ')}`, [REF]) : passed(name, observed, [REF]);
}
