// Builders for consistent emulated estates: replication groups with their member clusters,
// standalone clusters, serverless caches, and everything they refer to (security groups, subnet
// groups, route tables, parameter groups, users, snapshots, tags), plus Memorystore instances.

import { generateKeyPairSync } from 'node:crypto';
import type { CacheCluster, ReplicationGroup, ServerlessCache } from '@aws-sdk/client-elasticache';
import { emptyRegion } from './server';
import type { AwsRegionData, Ec2SecurityGroup } from './world';

const arnOf = (region: string, account: string, kind: string, id: string) => `arn:aws:elasticache:${region}:${account}:${kind}:${id}`;

export interface GroupOptions {
  members?: number;
  port?: number;
  securityGroupId?: string;
  subnetGroup?: string;
  parameterGroup?: string;
  transitEncryptionEnabled?: boolean;
  transitEncryptionMode?: 'preferred' | 'required';
  atRestEncryptionEnabled?: boolean;
  kmsKeyId?: string;
  authTokenEnabled?: boolean;
  authTokenLastModifiedDate?: Date;
  userGroupIds?: string[];
  engineVersion?: string;
  snapshotRetentionLimit?: number;
}

/** A cluster-mode-disabled replication group with `members` member clusters (one node each). */
export function replicationGroup(account: string, region: string, id: string, options: GroupOptions = {}): { group: ReplicationGroup; clusters: CacheCluster[] } {
  const members = options.members ?? 2;
  const port = options.port ?? 6379;
  const memberIds = Array.from({ length: members }, (_, index) => `${id}-00${index + 1}`);
  const clusters = memberIds.map((memberId, index) => ({
    ...cacheCluster(account, region, memberId, options),
    ReplicationGroupId: id,
    PreferredAvailabilityZone: `${region}${index % 2 === 0 ? 'a' : 'b'}`,
  }));
  const group: ReplicationGroup = {
    ReplicationGroupId: id,
    Description: `${id} cache`,
    Status: 'available',
    Engine: 'redis',
    MemberClusters: memberIds,
    NodeGroups: [
      {
        NodeGroupId: '0001',
        Status: 'available',
        PrimaryEndpoint: { Address: `${id}.abc123.ng.0001.${region}.cache.amazonaws.com`, Port: port },
        ReaderEndpoint: { Address: `${id}-ro.abc123.ng.0001.${region}.cache.amazonaws.com`, Port: port },
        NodeGroupMembers: memberIds.map((memberId, index) => ({
          CacheClusterId: memberId,
          CacheNodeId: '0001',
          PreferredAvailabilityZone: `${region}${index % 2 === 0 ? 'a' : 'b'}`,
          CurrentRole: index === 0 ? 'primary' : 'replica',
        })),
      },
    ],
    AutomaticFailover: members > 1 ? 'enabled' : 'disabled',
    MultiAZ: members > 1 ? 'enabled' : 'disabled',
    SnapshotRetentionLimit: options.snapshotRetentionLimit ?? 7,
    SnapshotWindow: '05:00-06:00',
    ClusterEnabled: false,
    CacheNodeType: 'cache.r7g.large',
    AuthTokenEnabled: options.authTokenEnabled ?? false,
    AuthTokenLastModifiedDate: options.authTokenLastModifiedDate,
    TransitEncryptionEnabled: options.transitEncryptionEnabled ?? true,
    TransitEncryptionMode: options.transitEncryptionEnabled === false ? undefined : (options.transitEncryptionMode ?? 'required'),
    AtRestEncryptionEnabled: options.atRestEncryptionEnabled ?? true,
    KmsKeyId: options.kmsKeyId,
    ARN: arnOf(region, account, 'replicationgroup', id),
    UserGroupIds: options.userGroupIds ?? [],
    LogDeliveryConfigurations: [
      {
        LogType: 'engine-log',
        DestinationType: 'cloudwatch-logs',
        DestinationDetails: { CloudWatchLogsDetails: { LogGroup: `/aws/elasticache/${id}/engine` } },
        LogFormat: 'json',
        Status: 'active',
      },
    ],
    AutoMinorVersionUpgrade: true,
    ClusterMode: 'disabled',
    ReplicationGroupCreateTime: new Date('2024-01-15T10:00:00Z'),
  };
  return { group, clusters };
}

export function cacheCluster(account: string, region: string, id: string, options: GroupOptions = {}): CacheCluster {
  const port = options.port ?? 6379;
  return {
    CacheClusterId: id,
    CacheNodeType: 'cache.r7g.large',
    Engine: 'redis',
    EngineVersion: options.engineVersion ?? '7.1.0',
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: `${region}a`,
    PreferredMaintenanceWindow: 'sun:07:00-sun:08:00',
    CacheClusterCreateTime: new Date('2024-01-15T10:00:00Z'),
    CacheParameterGroup: { CacheParameterGroupName: options.parameterGroup ?? 'phi-redis7', ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
    CacheSubnetGroupName: options.subnetGroup ?? 'phi-private',
    CacheNodes: [
      {
        CacheNodeId: '0001',
        CacheNodeStatus: 'available',
        Endpoint: { Address: `${id}.abc123.0001.${region}.cache.amazonaws.com`, Port: port },
        CustomerAvailabilityZone: `${region}a`,
      },
    ],
    AutoMinorVersionUpgrade: true,
    SecurityGroups: [{ SecurityGroupId: options.securityGroupId ?? 'sg-cache', Status: 'active' }],
    NotificationConfiguration: { TopicArn: `arn:aws:sns:${region}:${account}:cache-events`, TopicStatus: 'active' },
    SnapshotRetentionLimit: options.snapshotRetentionLimit ?? 7,
    SnapshotWindow: '05:00-06:00',
    AuthTokenEnabled: options.authTokenEnabled ?? false,
    AuthTokenLastModifiedDate: options.authTokenLastModifiedDate,
    TransitEncryptionEnabled: options.transitEncryptionEnabled ?? true,
    TransitEncryptionMode: options.transitEncryptionEnabled === false ? undefined : (options.transitEncryptionMode ?? 'required'),
    AtRestEncryptionEnabled: options.atRestEncryptionEnabled ?? true,
    ARN: arnOf(region, account, 'cluster', id),
    ReplicationGroupLogDeliveryEnabled: false,
    LogDeliveryConfigurations: [],
  };
}

export function serverlessCache(account: string, region: string, name: string, overrides: Partial<ServerlessCache> = {}): ServerlessCache {
  return {
    ServerlessCacheName: name,
    Description: `${name} serverless`,
    CreateTime: new Date('2024-03-01T00:00:00Z'),
    Status: 'available',
    Engine: 'valkey',
    MajorEngineVersion: '8',
    FullEngineVersion: '8.0',
    SecurityGroupIds: ['sg-cache'],
    Endpoint: { Address: `${name}.serverless.${region}.cache.amazonaws.com`, Port: 6379 },
    ReaderEndpoint: { Address: `${name}.serverless.${region}.cache.amazonaws.com`, Port: 6380 },
    ARN: arnOf(region, account, 'serverlesscache', name),
    SubnetIds: ['subnet-sl-a', 'subnet-sl-b'],
    SnapshotRetentionLimit: 1,
    DailySnapshotTime: '04:00',
    ...overrides,
  };
}

export function privateSecurityGroup(account: string, groupId = 'sg-cache', vpcId = 'vpc-phi'): Ec2SecurityGroup {
  return {
    groupId,
    groupName: `${groupId}-name`,
    vpcId,
    ownerId: account,
    ipPermissions: [
      { ipProtocol: 'tcp', fromPort: 6379, toPort: 6380, ipRanges: [{ cidrIp: '10.20.0.0/16', description: 'app subnets' }] },
      { ipProtocol: 'tcp', fromPort: 6379, toPort: 6379, groups: [{ groupId: 'sg-app', userId: account }] },
    ],
    ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
  };
}

export interface EstateCounts {
  replicationGroups: number;
  standalone: number;
  serverless: number;
}

/**
 * A region with `counts` caches and everything they refer to. Every group/cluster uses the shared
 * security group, subnet group and one of two parameter groups; each has one automated snapshot.
 */
export function buildRegion(account: string, region: string, counts: EstateCounts, prefix = region): AwsRegionData {
  const data = emptyRegion();
  for (let index = 0; index < counts.replicationGroups; index += 1) {
    const { group, clusters } = replicationGroup(account, region, `${prefix}-rg-${index}`, {
      parameterGroup: index % 2 === 0 ? 'phi-redis7' : 'default.redis7',
      userGroupIds: index % 3 === 0 ? ['ug-app'] : [],
      authTokenEnabled: index % 3 !== 0,
      authTokenLastModifiedDate: index % 3 !== 0 ? new Date('2025-02-01T00:00:00Z') : undefined,
    });
    data.replicationGroups.push(group);
    data.cacheClusters.push(...clusters);
    data.tags[group.ARN!] = [
      { Key: 'Environment', Value: 'production' },
      { Key: 'DataClassification', Value: 'PHI' },
    ];
    data.snapshots.push({
      SnapshotName: `automatic.${group.ReplicationGroupId}-2025-06-01`,
      ReplicationGroupId: group.ReplicationGroupId,
      CacheClusterId: clusters[0].CacheClusterId,
      SnapshotStatus: 'available',
      SnapshotSource: 'automated',
      NodeSnapshots: [{ CacheClusterId: clusters[0].CacheClusterId, CacheNodeId: '0001', SnapshotCreateTime: new Date('2025-06-01T05:10:00Z') }],
      ARN: `arn:aws:elasticache:${region}:${account}:snapshot:automatic.${group.ReplicationGroupId}`,
    });
  }
  for (let index = 0; index < counts.standalone; index += 1) {
    const cluster = cacheCluster(account, region, `${prefix}-cc-${index}`, { port: 6380 });
    data.cacheClusters.push(cluster);
    data.tags[cluster.ARN!] = [{ Key: 'Environment', Value: 'staging' }];
  }
  // A memcached cluster is out of scope and must be skipped.
  data.cacheClusters.push({ ...cacheCluster(account, region, `${prefix}-memcached`), Engine: 'memcached' });
  for (let index = 0; index < counts.serverless; index += 1) {
    const cache = serverlessCache(account, region, `${prefix}-sl-${index}`, index % 2 === 0 ? { UserGroupId: 'ug-app' } : {});
    data.serverlessCaches.push(cache);
    data.tags[cache.ARN!] = [{ Key: 'Environment', Value: 'production' }];
  }
  data.users.push({
    UserId: 'app',
    UserName: 'app',
    Status: 'active',
    Engine: 'redis',
    AccessString: 'on ~app:* -@all +@read +@write -@dangerous',
    Authentication: { Type: 'password', PasswordCount: 1 },
    UserGroupIds: ['ug-app'],
  });
  data.userGroups.push({
    UserGroupId: 'ug-app',
    Status: 'active',
    Engine: 'redis',
    UserIds: ['default', 'app'],
    ReplicationGroups: data.replicationGroups.filter((group) => group.UserGroupIds?.includes('ug-app')).map((group) => group.ReplicationGroupId!),
    ServerlessCaches: data.serverlessCaches.filter((cache) => cache.UserGroupId === 'ug-app').map((cache) => cache.ServerlessCacheName!),
  });
  data.subnetGroups.push({
    CacheSubnetGroupName: 'phi-private',
    VpcId: 'vpc-phi',
    Subnets: [
      { SubnetIdentifier: 'subnet-a', SubnetAvailabilityZone: { Name: `${region}a` } },
      { SubnetIdentifier: 'subnet-b', SubnetAvailabilityZone: { Name: `${region}b` } },
    ],
  });
  data.parameterGroups['phi-redis7'] = parameterList({ timeout: '900', 'tcp-keepalive': '300' });
  data.parameterGroups['default.redis7'] = parameterList({ timeout: '0', 'tcp-keepalive': '300' });
  data.securityGroups.push(privateSecurityGroup(account));
  data.subnets.push(
    { subnetId: 'subnet-sl-a', vpcId: 'vpc-phi', availabilityZone: `${region}a`, cidrBlock: '10.20.1.0/24' },
    { subnetId: 'subnet-sl-b', vpcId: 'vpc-phi', availabilityZone: `${region}b`, cidrBlock: '10.20.2.0/24' },
  );
  data.routeTables.push(
    {
      routeTableId: 'rtb-main',
      vpcId: 'vpc-phi',
      routeSet: [{ destinationCidrBlock: '10.20.0.0/16', gatewayId: 'local', state: 'active' }],
      associationSet: [{ routeTableAssociationId: 'rtbassoc-main', routeTableId: 'rtb-main', main: true }],
    },
    {
      routeTableId: 'rtb-public',
      vpcId: 'vpc-phi',
      routeSet: [
        { destinationCidrBlock: '10.20.0.0/16', gatewayId: 'local', state: 'active' },
        { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0abc', state: 'active' },
      ],
      associationSet: [{ routeTableAssociationId: 'rtbassoc-b', routeTableId: 'rtb-public', subnetId: 'subnet-b', main: false }],
    },
  );
  return data;
}

/** Parameters as DescribeCacheParameters lists them: the ones given plus enough others for 3 pages. */
export function parameterList(values: Record<string, string>, filler = 220) {
  const named = Object.entries(values).map(([ParameterName, ParameterValue]) => ({
    ParameterName,
    ParameterValue,
    Source: 'user',
    DataType: 'integer',
    IsModifiable: true,
  }));
  const others = Array.from({ length: filler }, (_, index) => ({
    ParameterName: `param-${index}`,
    ParameterValue: String(index),
    Source: 'system',
    DataType: 'integer',
    IsModifiable: false,
  }));
  // The catalog's parameters sit on the last page, so reading only the first page would miss them.
  return [...others, ...named];
}

export function memorystoreInstance(project: string, location: string, id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `projects/${project}/locations/${location}/instances/${id}`,
    displayName: id,
    labels: { env: 'prod', 'data-class': 'phi' },
    locationId: `${location}-a`,
    alternativeLocationId: `${location}-b`,
    redisVersion: 'REDIS_7_0',
    reservedIpRange: '10.0.0.0/29',
    host: '10.0.0.3',
    port: 6378,
    currentLocationId: `${location}-a`,
    createTime: '2024-05-01T12:00:00.123456Z',
    state: 'READY',
    redisConfigs: { 'maxmemory-policy': 'allkeys-lru' },
    tier: 'STANDARD_HA',
    memorySizeGb: 2,
    authorizedNetwork: `projects/${project}/global/networks/phi-vpc`,
    connectMode: 'PRIVATE_SERVICE_ACCESS',
    authEnabled: true,
    transitEncryptionMode: 'SERVER_AUTHENTICATION',
    replicaCount: 1,
    readReplicasMode: 'READ_REPLICAS_DISABLED',
    nodes: [
      { id: 'node-0', zone: `${location}-a` },
      { id: 'node-1', zone: `${location}-b` },
    ],
    persistenceConfig: { persistenceMode: 'RDB', rdbSnapshotPeriod: 'TWELVE_HOURS', rdbNextSnapshotTime: '2025-06-02T00:00:00Z' },
    maintenancePolicy: { weeklyMaintenanceWindow: [{ day: 'SUNDAY', startTime: { hours: 6 }, duration: '3600s' }] },
    maintenanceVersion: '20250101_00_00',
    ...overrides,
  };
}

/** A Google service account the emulator trusts: its public key (for `gcp.serviceAccounts`) and its key file's JSON text. */
export function serviceAccountKey(email: string, project: string): { publicKey: string; keyJson: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, keyJson: JSON.stringify({ type: 'service_account', project_id: project, client_email: email, private_key: privateKey }) };
}
