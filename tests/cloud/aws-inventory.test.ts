// The real ElastiCache/EC2/STS SDK clients against the emulator: hundreds of caches over many pages,
// two regions of the base account and one region of an account reached through AssumeRole.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCloud, type CloudCollection } from '@/lib/cloud/collect';
import type { CloudEmulator } from '../emulators/server';
import { buildRegion } from '../emulators/fixtures';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  EXTERNAL_ID_B,
  ROLE_B,
  SECRET_A,
  baseAwsConfig,
  countBy,
  ec,
  ecs,
  regionOf,
  sourceFor,
  startTwoAccountEmulator,
  value,
} from './helpers';

let emulator: CloudEmulator;
let result: CloudCollection;

beforeAll(async () => {
  emulator = await startTwoAccountEmulator();
  const big = buildRegion(ACCOUNT_A, 'us-east-1', { replicationGroups: 120, standalone: 15, serverless: 110 });
  // Distinct facts the controls must be able to tell apart.
  big.replicationGroups[1].TransitEncryptionMode = 'preferred';
  big.replicationGroups[2].TransitEncryptionEnabled = false;
  big.replicationGroups[2].TransitEncryptionMode = undefined;
  big.replicationGroups[4].KmsKeyId = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd';
  big.replicationGroups[4].PendingModifiedValues = { AuthTokenStatus: 'ROTATING', TransitEncryptionMode: 'required' };
  big.snapshots.push({
    SnapshotName: 'automatic.us-east-1-rg-0-2025-06-02',
    ReplicationGroupId: 'us-east-1-rg-0',
    SnapshotStatus: 'available',
    SnapshotSource: 'automated',
    NodeSnapshots: [{ SnapshotCreateTime: new Date('2025-06-02T05:10:00Z') }],
  });
  emulator.aws.accounts[ACCOUNT_A] = {
    regions: {
      'us-east-1': big,
      'eu-west-1': buildRegion(ACCOUNT_A, 'eu-west-1', { replicationGroups: 5, standalone: 2, serverless: 3 }),
    },
  };
  emulator.aws.accounts[ACCOUNT_B] = {
    regions: { 'us-east-1': buildRegion(ACCOUNT_B, 'us-east-1', { replicationGroups: 10, standalone: 1, serverless: 2 }, 'b') },
  };
  result = await collectCloud({
    aws: {
      ...baseAwsConfig(emulator, ['us-east-1', 'eu-west-1']),
      roles: [{ arn: ROLE_B, externalId: EXTERNAL_ID_B }],
    },
  });
  // Account B has no eu-west-1 data: an empty region is a complete, empty inventory.
});

afterAll(() => emulator.close());

describe('inventory across pages, regions and accounts', () => {
  it('reports one ok source per account and region, the role account under its own id', () => {
    expect(result.sources.map((source) => [source.account, source.region, source.status, source.via]).sort()).toEqual(
      [
        [ACCOUNT_A, 'eu-west-1', 'ok', 'base credentials'],
        [ACCOUNT_A, 'us-east-1', 'ok', 'base credentials'],
        [ACCOUNT_B, 'eu-west-1', 'ok', ROLE_B],
        [ACCOUNT_B, 'us-east-1', 'ok', ROLE_B],
      ].sort(),
    );
    expect(sourceFor(result, ACCOUNT_A, 'us-east-1').resourceCount).toBe(245);
  });

  it('lists every resource of every page, one per replication group / standalone cluster / serverless cache', () => {
    expect(countBy(result.resources, (r) => `${r.platform === 'ms' ? r.project : r.account}/${regionOf(r)}/${r.platform}`)).toEqual({
      [`${ACCOUNT_A}/us-east-1/ec`]: 135,
      [`${ACCOUNT_A}/us-east-1/ecs`]: 110,
      [`${ACCOUNT_A}/eu-west-1/ec`]: 7,
      [`${ACCOUNT_A}/eu-west-1/ecs`]: 3,
      [`${ACCOUNT_B}/us-east-1/ec`]: 11,
      [`${ACCOUNT_B}/us-east-1/ecs`]: 2,
    });
    // The last group of the last page still has its members, which came from the third clusters page.
    expect(value(ec(result, 'us-east-1-rg-119').members).clusters.map((c) => c.CacheClusterId)).toEqual([
      'us-east-1-rg-119-001',
      'us-east-1-rg-119-002',
    ]);
    expect(result.resources.some((r) => r.resourceId.includes('memcached'))).toBe(false);
  });

  it('follows every Marker / NextToken with the largest page size and makes no per-resource call a list call covers', () => {
    const inBigRegion = (action: string) => emulator.count({ account: ACCOUNT_A, region: 'us-east-1', action });
    expect(inBigRegion('DescribeReplicationGroups')).toBe(2); // 120 at 100 per page
    expect(inBigRegion('DescribeCacheClusters')).toBe(3); // 240 members + 15 + 1 memcached
    expect(inBigRegion('DescribeServerlessCaches')).toBe(2);
    expect(inBigRegion('DescribeSnapshots')).toBe(3); // 121 at 50 per page
    expect(inBigRegion('DescribeCacheParameters')).toBe(6); // 2 distinct groups × 3 pages
    expect(inBigRegion('ListTagsForResource')).toBe(245); // one per resource, none per member
    expect(inBigRegion('DescribeSecurityGroups')).toBe(1);
    expect(inBigRegion('DescribeSubnets')).toBe(1);
    expect(inBigRegion('DescribeRouteTables')).toBe(1);
    expect(inBigRegion('DescribeUsers')).toBe(1);
    expect(inBigRegion('DescribeUserGroups')).toBe(1);
    expect(emulator.calls.every((call) => call.status === 200)).toBe(true);
  });

  it('assumes the role once with its ExternalId and reads account B with the session', () => {
    expect(emulator.count({ action: 'AssumeRole' })).toBe(1);
    expect(emulator.count({ account: ACCOUNT_B, action: 'DescribeReplicationGroups' })).toBe(2);
    const facts = ec(result, 'b-rg-0');
    expect([facts.account, facts.region, facts.arn]).toEqual([
      ACCOUNT_B,
      'us-east-1',
      `arn:aws:elasticache:us-east-1:${ACCOUNT_B}:replicationgroup:b-rg-0`,
    ]);
  });
});

describe('facts the controls read', () => {
  it('keeps TransitEncryptionMode preferred distinct from required and from TLS off', () => {
    const modes = ['us-east-1-rg-0', 'us-east-1-rg-1', 'us-east-1-rg-2'].map((id) => {
      const settings = value(ec(result, id).settings);
      return [settings.TransitEncryptionEnabled, settings.TransitEncryptionMode];
    });
    expect(modes).toEqual([
      [true, 'required'],
      [true, 'preferred'],
      [false, null],
    ]);
  });

  it('records encryption, auth, availability, backup and maintenance settings of a group', () => {
    const settings = value(ec(result, 'us-east-1-rg-4').settings);
    expect(settings).toMatchObject({
      AtRestEncryptionEnabled: true,
      KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd',
      AuthTokenEnabled: true,
      AuthTokenLastModifiedDate: '2025-02-01T00:00:00.000Z',
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      SnapshotRetentionLimit: 7,
      SnapshotWindow: '05:00-06:00',
      AutoMinorVersionUpgrade: true,
      Engine: 'redis',
      PendingModifiedValues: { AuthTokenStatus: 'ROTATING', TransitEncryptionMode: 'required' },
    });
    expect(settings.LogDeliveryConfigurations).toEqual([
      {
        LogType: 'engine-log',
        DestinationType: 'cloudwatch-logs',
        Destination: '/aws/elasticache/us-east-1-rg-4/engine',
        LogFormat: 'json',
        Status: 'active',
        Message: null,
      },
    ]);
    const member = value(ec(result, 'us-east-1-rg-4').members).clusters[1];
    expect(member).toMatchObject({
      EngineVersion: '7.1.0',
      PreferredMaintenanceWindow: 'sun:07:00-sun:08:00',
      CacheParameterGroupName: 'phi-redis7',
      CacheSubnetGroupName: 'phi-private',
      NotificationConfiguration: { TopicStatus: 'active' },
      PreferredAvailabilityZone: 'us-east-1b',
    });
  });

  it('resolves user groups to their users, including the built-in passwordless default user', () => {
    const groups = value(ec(result, 'us-east-1-rg-0').userGroups);
    expect(groups.missingUserGroupIds).toEqual([]);
    expect(groups.groups[0].users.map((user) => [user.UserId, user.AccessString, user.AuthenticationType, user.Status])).toEqual([
      ['default', 'on ~* +@all', 'no-password', 'active'],
      ['app', 'on ~app:* -@all +@read +@write -@dangerous', 'password', 'active'],
    ]);
    expect(groups.groups[0].ReplicationGroups).toContain('us-east-1-rg-0');
    expect(value(ec(result, 'us-east-1-rg-1').userGroups).groups).toEqual([]);
  });

  it('reads the cache port, the security-group rules and the routes of the cache subnets', () => {
    expect(value(ec(result, 'us-east-1-rg-0').port)).toBe(6379);
    expect(value(ec(result, 'us-east-1-cc-0').port)).toBe(6380);
    const { groups, missingGroupIds } = value(ec(result, 'us-east-1-rg-0').securityGroups);
    expect(missingGroupIds).toEqual([]);
    expect(groups[0].IpPermissions[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 6379, ToPort: 6380, IpRanges: [{ CidrIp: '10.20.0.0/16' }] });
    expect(groups[0].IpPermissions[1].UserIdGroupPairs).toEqual([{ GroupId: 'sg-app', UserId: ACCOUNT_A, VpcId: null }]);
    expect(groups[0].IpPermissionsEgress[0]).toMatchObject({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    const routes = value(ec(result, 'us-east-1-rg-0').routes);
    expect(routes.map((route) => [route.SubnetId, route.association, route.RouteTableId])).toEqual([
      ['subnet-a', 'main', 'rtb-main'],
      ['subnet-b', 'explicit', 'rtb-public'],
    ]);
    expect(routes[1].Routes.some((route) => route.DestinationCidrBlock === '0.0.0.0/0' && route.GatewayId === 'igw-0abc')).toBe(true);
    expect(value(ec(result, 'us-east-1-rg-0').subnetGroups)).toEqual([
      {
        CacheSubnetGroupName: 'phi-private',
        VpcId: 'vpc-phi',
        Subnets: [
          { SubnetIdentifier: 'subnet-a', AvailabilityZone: 'us-east-1a' },
          { SubnetIdentifier: 'subnet-b', AvailabilityZone: 'us-east-1b' },
        ],
      },
    ]);
  });

  it('reads parameter values found on the last page of DescribeCacheParameters, per group', () => {
    const byGroup = (id: string) => value(ec(result, id).parameters);
    expect(byGroup('us-east-1-rg-0')).toEqual([
      {
        CacheParameterGroupName: 'phi-redis7',
        parameters: {
          timeout: { ParameterValue: '900', Source: 'user', IsModifiable: true },
          'tcp-keepalive': { ParameterValue: '300', Source: 'user', IsModifiable: true },
        },
      },
    ]);
    expect(byGroup('us-east-1-rg-1')[0].parameters.timeout?.ParameterValue).toBe('0');
  });

  it('lists the group’s snapshots newest first, and its tags', () => {
    const snapshots = value(ec(result, 'us-east-1-rg-0').snapshots);
    expect(snapshots.map((snap) => [snap.SnapshotName, snap.SnapshotSource, snap.SnapshotCreateTime])).toEqual([
      ['automatic.us-east-1-rg-0-2025-06-02', 'automated', '2025-06-02T05:10:00.000Z'],
      ['automatic.us-east-1-rg-0-2025-06-01', 'automated', '2025-06-01T05:10:00.000Z'],
    ]);
    expect(value(ec(result, 'us-east-1-rg-0').tags)).toEqual({ Environment: 'production', DataClassification: 'PHI' });
    expect(value(ec(result, 'us-east-1-cc-3').tags)).toEqual({ Environment: 'staging' });
  });

  it('describes a standalone cluster as its own unit', () => {
    const facts = ec(result, 'us-east-1-cc-0');
    expect(facts.kind).toBe('cache-cluster');
    expect(value(facts.settings)).toMatchObject({ EngineVersion: '7.1.0', KmsKeyId: null, AutomaticFailover: null, MultiAZ: null });
    expect(value(facts.members).clusters.map((member) => member.CacheClusterId)).toEqual(['us-east-1-cc-0']);
  });

  it('builds serverless facts with user group, endpoints, subnets’ VPC and snapshot read', () => {
    const facts = ecs(result, 'us-east-1-sl-0');
    expect(value(facts.settings)).toMatchObject({
      Engine: 'valkey',
      MajorEngineVersion: '8',
      UserGroupId: 'ug-app',
      Endpoint: { Port: 6379 },
      ReaderEndpoint: { Port: 6380 },
      SnapshotRetentionLimit: 1,
      DailySnapshotTime: '04:00',
    });
    expect(value(facts.userGroups).groups[0].users.map((user) => user.UserId)).toEqual(['default', 'app']);
    expect(value(facts.routes).map((route) => [route.SubnetId, route.VpcId])).toEqual([
      ['subnet-sl-a', 'vpc-phi'],
      ['subnet-sl-b', 'vpc-phi'],
    ]);
    expect(value(facts.snapshots)).toEqual([]);
    expect(value(ecs(result, 'us-east-1-sl-1').settings).UserGroupId).toBeNull();
  });

  it('marks the optional APIs this build has no client for as not collected', () => {
    const facts = ec(result, 'us-east-1-rg-0');
    expect([facts.kmsKey, facts.cloudTrail, facts.logGroups].map((fact) => (fact.ok ? 'ok' : fact.outcome))).toEqual([
      'not_collected',
      'not_collected',
      'not_collected',
    ]);
  });

  it('never carries the secret access key or any session credential', () => {
    const text = JSON.stringify(result);
    expect(text).not.toContain(SECRET_A);
    expect(text).not.toMatch(/ASIA[0-9A-F]{16}/);
  });
});
