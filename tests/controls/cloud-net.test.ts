import { expect } from 'vitest';
import type { ElastiCacheFacts, ElastiCacheServerlessFacts, SecurityGroupRule } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { cloudCases, collectFixturesBeforeAll } from './cloud-cases';
import { missing } from './fixtures';

collectFixturesBeforeAll();

const rule = (r: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  IpProtocol: 'tcp',
  FromPort: null,
  ToPort: null,
  IpRanges: [],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: [],
  ...r,
});
const ingress = (r: Partial<SecurityGroupRule>) => (f: ElastiCacheFacts | ElastiCacheServerlessFacts) => {
  if (f.securityGroups.ok) f.securityGroups.value.groups[0].IpPermissions.push(rule(r));
};
const egress = (r: Partial<SecurityGroupRule>) => (f: ElastiCacheFacts | ElastiCacheServerlessFacts) => {
  if (f.securityGroups.ok) f.securityGroups.value.groups[0].IpPermissionsEgress.push(rule(r));
};
const world = [{ CidrIp: '0.0.0.0/0', Description: null }];
const ms = (edit: (i: NonNullable<Extract<MemorystoreFacts['instance'], { ok: true }>['value']>) => void) => (f: MemorystoreFacts) => {
  if (f.instance.ok) edit(f.instance.value);
};
const igwRoute = (f: ElastiCacheFacts | ElastiCacheServerlessFacts) => {
  if (f.routes.ok) {
    f.routes.value[1].Routes.push({
      DestinationCidrBlock: '0.0.0.0/0',
      DestinationIpv6CidrBlock: null,
      DestinationPrefixListId: null,
      GatewayId: 'igw-0abc',
      NatGatewayId: null,
      TransitGatewayId: null,
      VpcPeeringConnectionId: null,
      EgressOnlyInternetGatewayId: null,
      State: 'active',
    });
  }
};

cloudCases('RED-NET-001', 'ec', [
  {
    name: 'cache-port rules from app subnets and groups only (443 open to the world is ignored): pass',
    status: 'pass',
    check: (r) => expect(r.observed).toMatchObject({ ports: [6380], outsideAllowed: [] }),
  },
  { name: '0.0.0.0/0 on tcp 6000-7000 covering the cache port: fail', facts: ingress({ FromPort: 6000, ToPort: 7000, IpRanges: world }), status: 'fail', reason: /tcp 6000-7000 from 0\.0\.0\.0\/0/ },
  { name: 'all traffic (-1) from 0.0.0.0/0: fail', facts: ingress({ IpProtocol: '-1', IpRanges: world }), status: 'fail', reason: /all traffic/ },
  { name: '::/0 on the cache port: fail', facts: ingress({ FromPort: 6380, ToPort: 6380, Ipv6Ranges: [{ CidrIpv6: '::/0', Description: null }] }), status: 'fail' },
  { name: 'public range outside allowedClientCidrs: fail', facts: ingress({ FromPort: 6380, ToPort: 6380, IpRanges: [{ CidrIp: '203.0.113.0/24', Description: null }] }), status: 'fail', reason: /203\.0\.113\.0\/24/ },
  {
    name: 'allowedClientCidrs narrowed to one subnet: the app range is now outside',
    ctx: (c) => (c.thresholds = { ...c.thresholds, allowedClientCidrs: ['10.20.1.0/24'] }),
    status: 'fail',
    reason: /10\.20\.0\.0\/16/,
  },
  { name: 'a managed prefix list as source: not_assessable', facts: ingress({ FromPort: 6380, ToPort: 6380, PrefixListIds: [{ PrefixListId: 'pl-0123', Description: null }] }), status: 'not_assessable', reason: /pl-0123/ },
  { name: 'DescribeSecurityGroups denied (UnauthorizedOperation): not_assessable', facts: (f) => (f.securityGroups = missing('noperm', 'UnauthorizedOperation')), status: 'not_assessable' },
  { name: 'DescribeSecurityGroups throttled: error', facts: (f) => (f.securityGroups = missing('refused', 'RequestLimitExceeded')), status: 'error' },
  {
    name: 'an attached group EC2 did not return: not_assessable',
    facts: (f) => {
      if (f.securityGroups.ok) f.securityGroups.value.missingGroupIds = ['sg-gone'];
    },
    status: 'not_assessable',
    reason: /sg-gone/,
  },
  { name: 'cache port unknown: not_assessable', facts: (f) => (f.port = missing('not_collected')), status: 'not_assessable' },
]);
cloudCases('RED-NET-001', 'ecs', [
  { name: 'both endpoint ports covered only by private sources: pass', status: 'pass', check: (r) => expect(r.observed).toMatchObject({ ports: [6379, 6380] }) },
  { name: 'world-open reader port 6380: fail', facts: ingress({ FromPort: 6380, ToPort: 6380, IpRanges: world }), status: 'fail' },
  { name: 'security groups unreadable: not_assessable', facts: (f) => (f.securityGroups = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-NET-001', 'ms', [
  { name: 'host in a private range: pass', status: 'pass' },
  { name: 'host outside the private ranges: fail', facts: ms((i) => (i.host = '34.120.1.2')), status: 'fail', reason: /34\.120\.1\.2/ },
  { name: 'no host in the response: not_assessable', facts: ms((i) => (i.host = null)), status: 'not_assessable' },
  { name: 'listing failed: error', facts: (f) => (f.instance = missing('timeout')), status: 'error' },
]);

cloudCases('RED-NET-002', 'ec', [
  { name: 'subnets route the default route to a NAT gateway only: pass', status: 'pass' },
  { name: 'a cache subnet routes 0.0.0.0/0 to an internet gateway: fail', facts: igwRoute, status: 'fail', reason: /igw-0abc/ },
  { name: 'DescribeRouteTables denied: not_assessable', facts: (f) => (f.routes = missing('noperm')), status: 'not_assessable' },
  { name: 'DescribeRouteTables switched off: not_assessable', facts: (f) => (f.routes = missing('disabled', 'switched off for this account')), status: 'not_assessable', reason: /switched off/ },
  {
    name: 'no route table for a subnet: not_assessable',
    facts: (f) => {
      if (f.routes.ok) f.routes.value[0].association = 'none';
    },
    status: 'not_assessable',
  },
]);
cloudCases('RED-NET-002', 'ecs', [
  { name: 'private subnets: pass', status: 'pass' },
  { name: 'public subnet: fail', facts: igwRoute, status: 'fail' },
  { name: 'routes unreadable: error', facts: (f) => (f.routes = missing('refused')), status: 'error' },
]);
cloudCases('RED-NET-002', 'ms', [
  { name: 'PRIVATE_SERVICE_ACCESS: pass', status: 'pass' },
  { name: 'DIRECT_PEERING: fail', facts: ms((i) => (i.connectMode = 'DIRECT_PEERING')), status: 'fail', reason: /DIRECT_PEERING/ },
  { name: 'unset: fail (the API default is DIRECT_PEERING)', facts: ms((i) => (i.connectMode = null)), status: 'fail', reason: /defaults to DIRECT_PEERING/ },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);

cloudCases('RED-NET-003', 'ec', [
  { name: 'custom subnet group: pass', status: 'pass' },
  {
    name: 'subnet group "default": fail',
    facts: (f) => {
      if (f.members.ok) f.members.value.clusters[0].CacheSubnetGroupName = 'default';
    },
    status: 'fail',
    reason: /default/,
  },
  { name: 'member clusters unreadable: not_assessable', facts: (f) => (f.members = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-NET-003', 'ecs', [{ name: 'serverless: not_applicable (no subnet group)', status: 'not_applicable', reason: /RED-NET-002/ }]);
cloudCases('RED-NET-003', 'ms', [
  { name: 'dedicated VPC: pass', status: 'pass' },
  { name: 'the default network: fail', facts: ms((i) => (i.authorizedNetwork = 'projects/phi-prod-1/global/networks/default')), status: 'fail' },
  { name: 'authorizedNetwork unset (default network): fail', facts: ms((i) => (i.authorizedNetwork = null)), status: 'fail', reason: /unset/ },
  { name: 'listing throttled: error', facts: (f) => (f.instance = missing('refused')), status: 'error' },
]);

cloudCases('RED-NET-004', 'ec', [
  { name: 'egress limited to 10/8 on 443: pass', status: 'pass' },
  { name: 'the AWS default egress (all traffic to 0.0.0.0/0): fail', facts: egress({ IpProtocol: '-1', IpRanges: world }), status: 'fail', reason: /all traffic to 0\.0\.0\.0\/0/ },
  { name: 'every tcp port to ::/0: fail', facts: egress({ FromPort: 0, ToPort: 65535, Ipv6Ranges: [{ CidrIpv6: '::/0', Description: null }] }), status: 'fail' },
  { name: 'security groups denied: not_assessable', facts: (f) => (f.securityGroups = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-NET-004', 'ecs', [
  { name: 'restricted egress: pass', status: 'pass' },
  { name: 'open egress: fail', facts: egress({ IpProtocol: '-1', IpRanges: world }), status: 'fail' },
  { name: 'security groups throttled: error', facts: (f) => (f.securityGroups = missing('refused')), status: 'error' },
]);
cloudCases('RED-NET-004', 'ms', [{ name: 'Google-managed network: not_applicable', status: 'not_applicable', reason: /Google-managed/ }]);

cloudCases('RED-NET-005', 'ec', [
  { name: 'port 6380: pass', status: 'pass' },
  { name: 'port 6379: fail', facts: (f) => (f.port = { ok: true, value: 6379, source: 'fixture' }), status: 'fail', reason: /6379/ },
  { name: 'port unknown: not_assessable', facts: (f) => (f.port = missing('not_collected')), status: 'not_assessable' },
]);
cloudCases('RED-NET-005', 'ecs', [{ name: 'fixed ports: not_applicable', status: 'not_applicable' }]);

const staging = (facts: ElastiCacheFacts, vpc: string, group = 'ug-staging') => {
  const copy = structuredClone(facts);
  copy.resourceId = 'rg-staging';
  if (copy.subnetGroups.ok) copy.subnetGroups.value[0].VpcId = vpc;
  if (copy.userGroups.ok) {
    copy.userGroups.value.groups[0].UserGroupId = group;
    copy.userGroups.value.groups[0].UserIds = ['default-off', 'staging-app'];
  }
  if (copy.tags.ok) copy.tags.value.Environment = 'staging';
  return copy;
};

cloudCases('RED-NET-006', 'ec', [
  { name: 'staging in another VPC with its own users: pass', ctx: (c, f) => (c.fleet = [{ instanceId: 'rg-staging', facts: staging(f.ec, 'vpc-staging') }]), status: 'pass', check: (r) => expect(r.observed).toMatchObject({ comparedWith: 1 }) },
  { name: 'staging in the same VPC: fail', ctx: (c, f) => (c.fleet = [{ instanceId: 'rg-staging', facts: staging(f.ec, 'vpc-phi') }]), status: 'fail', reason: /network .*vpc-phi with rg-staging/ },
  { name: 'user group shared with staging: fail', ctx: (c, f) => (c.fleet = [{ instanceId: 'rg-staging', facts: staging(f.ec, 'vpc-staging', 'ug-hardened') }]), status: 'fail', reason: /RBAC group ug-hardened/ },
  {
    name: 'the built-in default user alone is not counted as a shared credential',
    facts: (f) => {
      if (f.userGroups.ok) f.userGroups.value.groups[0].UserIds = ['default', 'app'];
    },
    ctx: (c, f) => {
      const other = staging(f.ec, 'vpc-staging');
      if (other.userGroups.ok) other.userGroups.value.groups[0].UserIds = ['default', 'staging-app'];
      c.fleet = [{ instanceId: 'rg-staging', facts: other }];
    },
    status: 'pass',
  },
  {
    name: 'environment unknown (no tag, no override): not_assessable',
    facts: (f) => {
      if (f.tags.ok) delete f.tags.value.Environment;
    },
    status: 'not_assessable',
    reason: /INV-001/,
  },
  { name: 'no fleet supplied: not_assessable', ctx: (c) => delete c.fleet, status: 'not_assessable', reason: /fleet/ },
]);
cloudCases('RED-NET-006', 'ms', [
  {
    name: 'production Memorystore vs a dev instance on the same network: fail',
    ctx: (c, f) => {
      const dev = structuredClone(f.ms);
      if (dev.instance.ok) dev.instance.value.labels = { env: 'dev' };
      c.fleet = [{ instanceId: 'dev-redis', facts: dev }];
    },
    status: 'fail',
    reason: /network projects\/phi-prod-1\/global\/networks\/phi-vpc/,
  },
  {
    name: 'dev instance on another network with another CA: pass',
    ctx: (c, f) => {
      const dev = structuredClone(f.ms);
      if (dev.instance.ok) {
        dev.instance.value.labels = { env: 'dev' };
        dev.instance.value.authorizedNetwork = 'projects/phi-dev/global/networks/dev-vpc';
        dev.instance.value.serverCaCerts = [];
      }
      c.fleet = [{ instanceId: 'dev-redis', facts: dev }];
    },
    status: 'pass',
  },
]);
cloudCases('RED-NET-006', 'ecs', [
  {
    name: 'nothing comparable with a self-hosted staging instance without labels: not_assessable',
    ctx: (c) => (c.fleet = [{ instanceId: 'self-staging', instance: { environment: 'staging' }, facts: { platform: 'ms', provider: 'gcp', project: 'p', location: 'l', resourceId: 'x', collectedAt: '2026-01-01T00:00:00Z', probe: { name: 't', version: '1' }, instance: missing('noperm'), kmsKey: missing('not_collected') } }]),
    status: 'not_assessable',
    reason: /comparable/,
  },
]);
