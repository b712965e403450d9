// The facts snapshots of AWS ElastiCache resources: platform `ec` (a replication group, or a
// standalone cache cluster outside any group) and platform `ecs` (a serverless cache). Produced by
// lib/probe/aws from what lib/inventory/aws read (Describe/List calls only), read by lib/controls,
// stored as evidence. Field names inside the `settings` objects are the API's own (PascalCase), so a
// control's evidence pointer names the exact API field (`/settings/value/TransitEncryptionMode`).
// A field the API left out is `null`, never guessed. Dates are ISO strings. No auth token, password
// or AUTH string appears anywhere: no API we call returns one.

import type { Collected, ProbeInfo } from './common';

/** Identity shared by every AWS resource's facts. */
export interface AwsResourceMeta {
  provider: 'aws';
  /** 12-digit account id (from STS GetCallerIdentity of the credentials used). */
  account: string;
  region: string;
  /** The provider's own id: replication group id, cache cluster id or serverless cache name. */
  resourceId: string;
  arn: string | null;
  /** ISO time the resource's region finished collecting (collector clock). */
  collectedAt: string;
  probe: ProbeInfo;
}

export interface AwsEndpoint {
  Address: string | null;
  Port: number | null;
}

export interface LogDeliveryConfiguration {
  LogType: string | null; // slow-log | engine-log
  DestinationType: string | null; // cloudwatch-logs | kinesis-firehose
  /** CloudWatch Logs group or Firehose stream name. */
  Destination: string | null;
  LogFormat: string | null;
  Status: string | null; // active | enabling | modifying | disabling | error
  Message: string | null;
}

/** The subset of PendingModifiedValues the controls record (TLS-002, ROT-001, AUTH). */
export interface PendingSecurityChanges {
  AuthTokenStatus: string | null; // SETTING | ROTATING
  TransitEncryptionEnabled: boolean | null;
  TransitEncryptionMode: string | null;
  /** ReplicationGroup only: user groups being added / removed. */
  UserGroupIdsToAdd: string[];
  UserGroupIdsToRemove: string[];
}

/**
 * The settings of the assessed unit: for a replication group the ReplicationGroup's own fields;
 * for a standalone cache cluster the CacheCluster's. Fields a kind does not have are null
 * (a standalone cluster has no KmsKeyId, AutomaticFailover or MultiAZ in the API).
 */
export interface ElastiCacheSettings {
  Description: string | null;
  Status: string | null;
  /** redis | valkey (ReplicationGroup.Engine / CacheCluster.Engine). */
  Engine: string | null;
  /** Standalone cluster only; for a group see members[].EngineVersion (the group has none). */
  EngineVersion: string | null;
  CacheNodeType: string | null;
  ClusterEnabled: boolean | null;
  ClusterMode: string | null;
  TransitEncryptionEnabled: boolean | null;
  /** preferred (TLS on, plaintext still accepted) | required. Kept distinct from Enabled. */
  TransitEncryptionMode: string | null;
  AtRestEncryptionEnabled: boolean | null;
  KmsKeyId: string | null;
  AuthTokenEnabled: boolean | null;
  AuthTokenLastModifiedDate: string | null;
  UserGroupIds: string[];
  AutomaticFailover: string | null; // enabled | disabled | enabling | disabling
  MultiAZ: string | null; // enabled | disabled
  SnapshotRetentionLimit: number | null;
  SnapshotWindow: string | null;
  /** Standalone cluster only (members carry their own for groups). */
  PreferredMaintenanceWindow: string | null;
  AutoMinorVersionUpgrade: boolean | null;
  LogDeliveryConfigurations: LogDeliveryConfiguration[];
  PendingModifiedValues: PendingSecurityChanges | null;
  ConfigurationEndpoint: AwsEndpoint | null;
  NodeGroups: ElastiCacheNodeGroup[];
  MemberClusters: string[];
  NetworkType: string | null;
  IpDiscovery: string | null;
  CreateTime: string | null;
}

export interface ElastiCacheNodeGroup {
  NodeGroupId: string | null;
  Status: string | null;
  PrimaryEndpoint: AwsEndpoint | null;
  ReaderEndpoint: AwsEndpoint | null;
  NodeGroupMembers: {
    CacheClusterId: string | null;
    CacheNodeId: string | null;
    PreferredAvailabilityZone: string | null;
    /** primary | replica (cluster mode disabled only). */
    CurrentRole: string | null;
    ReadEndpoint: AwsEndpoint | null;
  }[];
}

/** One cache cluster: a member of the group, or the standalone cluster itself. */
export interface ElastiCacheMember {
  CacheClusterId: string;
  ARN: string | null;
  Engine: string | null;
  EngineVersion: string | null;
  CacheClusterStatus: string | null;
  CacheNodeType: string | null;
  NumCacheNodes: number | null;
  PreferredAvailabilityZone: string | null;
  PreferredMaintenanceWindow: string | null;
  AutoMinorVersionUpgrade: boolean | null;
  CacheParameterGroupName: string | null;
  ParameterApplyStatus: string | null;
  CacheSubnetGroupName: string | null;
  SecurityGroups: { SecurityGroupId: string; Status: string | null }[];
  NotificationConfiguration: { TopicArn: string | null; TopicStatus: string | null } | null;
  CacheNodes: {
    CacheNodeId: string | null;
    CacheNodeStatus: string | null;
    Endpoint: AwsEndpoint | null;
    CustomerAvailabilityZone: string | null;
  }[];
  TransitEncryptionEnabled: boolean | null;
  TransitEncryptionMode: string | null;
  AtRestEncryptionEnabled: boolean | null;
  AuthTokenEnabled: boolean | null;
  AuthTokenLastModifiedDate: string | null;
  SnapshotRetentionLimit: number | null;
  SnapshotWindow: string | null;
  ReplicationGroupLogDeliveryEnabled: boolean | null;
  LogDeliveryConfigurations: LogDeliveryConfiguration[];
}

export interface ElastiCacheMembers {
  clusters: ElastiCacheMember[];
  /** Listed in MemberClusters but not returned by DescribeCacheClusters (being created/deleted). */
  missingClusterIds: string[];
}

export interface SecurityGroupRule {
  IpProtocol: string | null; // tcp | udp | icmp | -1
  FromPort: number | null;
  ToPort: number | null;
  IpRanges: { CidrIp: string; Description: string | null }[];
  Ipv6Ranges: { CidrIpv6: string; Description: string | null }[];
  PrefixListIds: { PrefixListId: string; Description: string | null }[];
  UserIdGroupPairs: { GroupId: string | null; UserId: string | null; VpcId: string | null }[];
}

export interface SecurityGroupFacts {
  GroupId: string;
  GroupName: string | null;
  VpcId: string | null;
  OwnerId: string | null;
  IpPermissions: SecurityGroupRule[];
  IpPermissionsEgress: SecurityGroupRule[];
}

export interface SecurityGroupsFact {
  groups: SecurityGroupFacts[];
  /** Attached to the cache but not returned by EC2 (deleted, or owned elsewhere). */
  missingGroupIds: string[];
}

export interface CacheSubnetGroupFacts {
  CacheSubnetGroupName: string;
  VpcId: string | null;
  Subnets: { SubnetIdentifier: string; AvailabilityZone: string | null }[];
}

/** The routes that apply to one subnet of the cache (RED-NET-002). */
export interface SubnetRouting {
  SubnetId: string;
  VpcId: string | null;
  RouteTableId: string | null;
  /** explicit: the subnet is associated with the table; main: it falls back to the VPC's main table. */
  association: 'explicit' | 'main' | 'none';
  Routes: {
    DestinationCidrBlock: string | null;
    DestinationIpv6CidrBlock: string | null;
    DestinationPrefixListId: string | null;
    /** igw-… (internet gateway), vgw-…, local. */
    GatewayId: string | null;
    NatGatewayId: string | null;
    TransitGatewayId: string | null;
    VpcPeeringConnectionId: string | null;
    EgressOnlyInternetGatewayId: string | null;
    State: string | null;
  }[];
}

export interface ElastiCacheUser {
  UserId: string;
  UserName: string | null;
  Status: string | null;
  Engine: string | null;
  MinimumEngineVersion: string | null;
  /** Redis ACL rules, e.g. "on ~* +@all". Not a secret. */
  AccessString: string | null;
  /** password | no-password | iam (the password itself is never returned). */
  AuthenticationType: string | null;
  PasswordCount: number | null;
  ARN: string | null;
}

export interface ElastiCacheUserGroup {
  UserGroupId: string;
  Status: string | null;
  Engine: string | null;
  UserIds: string[];
  /** The members resolved with DescribeUsers (the built-in `default` user included). */
  users: ElastiCacheUser[];
  /** Listed in UserIds but not returned by DescribeUsers (AUTH-002: not assessable). */
  missingUserIds: string[];
  /** Every replication group / serverless cache the group is attached to (NET-006). */
  ReplicationGroups: string[];
  ServerlessCaches: string[];
  PendingChanges: { UserIdsToAdd: string[]; UserIdsToRemove: string[] } | null;
}

export interface UserGroupsFact {
  groups: ElastiCacheUserGroup[];
  /** Attached to the cache but not returned by DescribeUserGroups. */
  missingUserGroupIds: string[];
}

export interface ElastiCacheSnapshotFacts {
  SnapshotName: string;
  /** automated (API value) | manual. */
  SnapshotSource: string | null;
  SnapshotStatus: string | null;
  KmsKeyId: string | null;
  ReplicationGroupId: string | null;
  CacheClusterId: string | null;
  /** Newest NodeSnapshots[].SnapshotCreateTime. */
  SnapshotCreateTime: string | null;
  ARN: string | null;
}

export interface ParameterValue {
  ParameterValue: string | null;
  /** system | user | engine-default … */
  Source: string | null;
  IsModifiable: boolean | null;
}

/** The parameters the catalog needs (CFG-005), read once per distinct parameter group. */
export const ELASTICACHE_PARAMETERS = ['timeout', 'tcp-keepalive'] as const;
export type ElastiCacheParameterName = (typeof ELASTICACHE_PARAMETERS)[number];

export interface ParameterGroupFacts {
  CacheParameterGroupName: string;
  /** Only ELASTICACHE_PARAMETERS; a name the group does not define is absent. */
  parameters: Partial<Record<ElastiCacheParameterName, ParameterValue>>;
}

/** Optional APIs whose clients this build does not include (catalog §1.6): always not_collected. */
export interface UncollectedOptionalFacts {
  /** kms:DescribeKey + GetKeyRotationStatus for KmsKeyId (ROT-004). */
  kmsKey: Collected<never>;
  /** cloudtrail:DescribeTrails / GetTrailStatus / GetEventSelectors (LOG-001). */
  cloudTrail: Collected<never>;
  /** logs:DescribeLogGroups for the delivery log groups (LOG-004). */
  logGroups: Collected<never>;
}

export interface ElastiCacheFacts extends AwsResourceMeta, UncollectedOptionalFacts {
  platform: 'ec';
  /** replication-group, or cache-cluster for a Redis/Valkey cluster outside any group. */
  kind: 'replication-group' | 'cache-cluster';
  settings: Collected<ElastiCacheSettings>;
  /** DescribeCacheClusters(ShowCacheNodeInfo) of every member (standalone: the cluster itself). */
  members: Collected<ElastiCacheMembers>;
  /**
   * The cache port (NET-001, NET-005): ConfigurationEndpoint.Port, else the first node group's
   * PrimaryEndpoint.Port, else the first member node's Endpoint.Port.
   */
  port: Collected<number>;
  /** EC2 DescribeSecurityGroups of the union of the members' SecurityGroups. */
  securityGroups: Collected<SecurityGroupsFact>;
  /** DescribeCacheSubnetGroups of the members' CacheSubnetGroupName(s). */
  subnetGroups: Collected<CacheSubnetGroupFacts[]>;
  /** EC2 DescribeRouteTables for the subnet group's subnets (optional API). */
  routes: Collected<SubnetRouting[]>;
  /** UserGroupIds resolved through DescribeUserGroups and DescribeUsers. */
  userGroups: Collected<UserGroupsFact>;
  /** DescribeSnapshots for this group/cluster, newest first. */
  snapshots: Collected<ElastiCacheSnapshotFacts[]>;
  /** DescribeCacheParameters per distinct member parameter group (optional API). */
  parameters: Collected<ParameterGroupFacts[]>;
  /** ListTagsForResource(arn) → Key → Value. */
  tags: Collected<Record<string, string>>;
}

export interface ElastiCacheServerlessSettings {
  Description: string | null;
  Status: string | null;
  Engine: string | null;
  MajorEngineVersion: string | null;
  FullEngineVersion: string | null;
  KmsKeyId: string | null;
  SecurityGroupIds: string[];
  SubnetIds: string[];
  Endpoint: AwsEndpoint | null;
  ReaderEndpoint: AwsEndpoint | null;
  UserGroupId: string | null;
  SnapshotRetentionLimit: number | null;
  DailySnapshotTime: string | null;
  NetworkType: string | null;
  CreateTime: string | null;
}

export interface ServerlessSnapshotFacts {
  ServerlessCacheSnapshotName: string;
  SnapshotType: string | null; // automated | manual
  Status: string | null;
  KmsKeyId: string | null;
  CreateTime: string | null;
  ExpiryTime: string | null;
  ARN: string | null;
}

export interface ElastiCacheServerlessFacts extends AwsResourceMeta, UncollectedOptionalFacts {
  platform: 'ecs';
  kind: 'serverless-cache';
  settings: Collected<ElastiCacheServerlessSettings>;
  securityGroups: Collected<SecurityGroupsFact>;
  /** EC2 DescribeSubnets of SubnetIds (VPC per subnet; NET-006) with their routes (NET-002). */
  routes: Collected<SubnetRouting[]>;
  userGroups: Collected<UserGroupsFact>;
  /** DescribeServerlessCacheSnapshots (optional API; catalog §7 item 5). */
  snapshots: Collected<ServerlessSnapshotFacts[]>;
  tags: Collected<Record<string, string>>;
}
