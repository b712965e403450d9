// Builds one ElastiCacheFacts per replication group and per Redis/Valkey cache cluster outside any
// group, from one region's reads. Collects and decides nothing: a read that failed becomes that
// fact's outcome, for every resource that needed it.

import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { Collected } from '@/lib/facts/common';
import {
  ELASTICACHE_PARAMETERS,
  type CacheSubnetGroupFacts,
  type ElastiCacheFacts,
  type ElastiCacheMember,
  type ElastiCacheMembers,
  type ElastiCacheSettings,
  type ParameterGroupFacts,
} from '@/lib/facts/aws';
import {
  byCreateTimeDesc,
  endpoint,
  fromRead,
  fromReads,
  iso,
  logDeliveries,
  orNull,
  routingFor,
  snapshot,
} from './normalize';
import { securityGroupsFact, tagsFact, uncollectedOptionalFacts, userGroupsFact, type RegionContext } from './shared-facts';

const DESCRIBE_CLUSTERS = 'elasticache:DescribeCacheClusters(ShowCacheNodeInfo=true)';

export function buildElastiCacheFacts(context: RegionContext): ElastiCacheFacts[] {
  const { replicationGroups, cacheClusters } = context.inventory;
  const groups = replicationGroups.items.map((group) => {
    const ids = group.MemberClusters ?? [];
    const members = cacheClusters.items.filter((cluster) => cluster.CacheClusterId && ids.includes(cluster.CacheClusterId));
    return assemble(context, {
      kind: 'replication-group',
      resourceId: group.ReplicationGroupId ?? '',
      arn: orNull(group.ARN),
      settings: { ok: true, value: groupSettings(group), source: 'elasticache:DescribeReplicationGroups' },
      members: fromRead(cacheClusters, DESCRIBE_CLUSTERS, () => ({
        clusters: members.map(member),
        missingClusterIds: ids.filter((id) => !members.some((cluster) => cluster.CacheClusterId === id)),
      })),
      memberClusters: members,
      userGroupIds: group.UserGroupIds ?? [],
      // Cluster-mode-disabled groups are snapshotted through one member cluster.
      snapshotOwner: (snap) =>
        snap.ReplicationGroupId === group.ReplicationGroupId ||
        (!snap.ReplicationGroupId && snap.CacheClusterId !== undefined && ids.includes(snap.CacheClusterId)),
      configuredPort: group.ConfigurationEndpoint?.Port ?? group.NodeGroups?.[0]?.PrimaryEndpoint?.Port,
    });
  });
  const standalone = cacheClusters.items
    .filter((cluster) => !cluster.ReplicationGroupId)
    .map((cluster) =>
      assemble(context, {
        kind: 'cache-cluster',
        resourceId: cluster.CacheClusterId ?? '',
        arn: orNull(cluster.ARN),
        settings: { ok: true, value: clusterSettings(cluster), source: DESCRIBE_CLUSTERS },
        members: { ok: true, value: { clusters: [member(cluster)], missingClusterIds: [] }, source: DESCRIBE_CLUSTERS },
        memberClusters: [cluster],
        userGroupIds: [],
        snapshotOwner: (snap) => !snap.ReplicationGroupId && snap.CacheClusterId === cluster.CacheClusterId,
        configuredPort: cluster.ConfigurationEndpoint?.Port,
      }),
    );
  return [...groups, ...standalone];
}

interface Unit {
  kind: ElastiCacheFacts['kind'];
  resourceId: string;
  arn: string | null;
  settings: Collected<ElastiCacheSettings>;
  members: Collected<ElastiCacheMembers>;
  memberClusters: CacheCluster[];
  userGroupIds: string[];
  snapshotOwner: (snap: { ReplicationGroupId?: string; CacheClusterId?: string }) => boolean;
  configuredPort: number | undefined;
}

function assemble(context: RegionContext, unit: Unit): ElastiCacheFacts {
  const { inventory } = context;
  const subnetGroupNames = [...new Set(unit.memberClusters.flatMap((cluster) => cluster.CacheSubnetGroupName ?? []))];
  const subnetGroups = fromRead(inventory.subnetGroups, 'elasticache:DescribeCacheSubnetGroups', (items) =>
    items
      .filter((group) => group.CacheSubnetGroupName && subnetGroupNames.includes(group.CacheSubnetGroupName))
      .map(
        (group): CacheSubnetGroupFacts => ({
          CacheSubnetGroupName: group.CacheSubnetGroupName ?? '',
          VpcId: orNull(group.VpcId),
          Subnets: (group.Subnets ?? []).flatMap((subnet) =>
            subnet.SubnetIdentifier
              ? [{ SubnetIdentifier: subnet.SubnetIdentifier, AvailabilityZone: orNull(subnet.SubnetAvailabilityZone?.Name) }]
              : [],
          ),
        }),
      ),
  );
  const routes = fromReads(
    [
      { result: inventory.subnetGroups, source: 'elasticache:DescribeCacheSubnetGroups' },
      { result: inventory.routeTables, source: 'ec2:DescribeRouteTables' },
    ],
    'elasticache:DescribeCacheSubnetGroups + ec2:DescribeRouteTables',
    () =>
      routingFor(
        subnetGroups.ok
          ? subnetGroups.value.flatMap((group) => group.Subnets.map((subnet) => ({ SubnetId: subnet.SubnetIdentifier, VpcId: group.VpcId })))
          : [],
        inventory.routeTables.items,
      ),
  );
  const securityGroupIds = [
    ...new Set(unit.memberClusters.flatMap((cluster) => (cluster.SecurityGroups ?? []).flatMap((sg) => sg.SecurityGroupId ?? []))),
  ];
  const port = unit.configuredPort ?? unit.memberClusters[0]?.CacheNodes?.[0]?.Endpoint?.Port;

  return {
    platform: 'ec',
    provider: 'aws',
    kind: unit.kind,
    account: context.account,
    region: context.region,
    resourceId: unit.resourceId,
    arn: unit.arn,
    collectedAt: context.collectedAt,
    probe: context.probe,
    settings: unit.settings,
    members: unit.members,
    port:
      port !== undefined
        ? { ok: true, value: port, source: 'ConfigurationEndpoint / NodeGroups[0].PrimaryEndpoint / CacheNodes[0].Endpoint' }
        : unit.members.ok
          ? { ok: false, outcome: 'not_collected', reason: 'no endpoint port in the describe responses', source: DESCRIBE_CLUSTERS }
          : unit.members,
    securityGroups: unit.members.ok ? securityGroupsFact(context, securityGroupIds) : unit.members,
    subnetGroups: unit.members.ok ? subnetGroups : unit.members,
    routes: unit.members.ok ? routes : unit.members,
    userGroups: userGroupsFact(context, unit.userGroupIds),
    snapshots: fromRead(inventory.snapshots, 'elasticache:DescribeSnapshots', (items) =>
      items
        .filter(unit.snapshotOwner)
        .map(snapshot)
        .map((snap) => ({ snap, time: snap.SnapshotCreateTime }))
        .sort(byCreateTimeDesc)
        .map(({ snap }) => snap),
    ),
    parameters: unit.members.ok ? parameterFacts(context, unit.memberClusters) : unit.members,
    tags: tagsFact(context, unit.arn),
    ...uncollectedOptionalFacts(),
  };
}

function parameterFacts(context: RegionContext, clusters: CacheCluster[]): Collected<ParameterGroupFacts[]> {
  const names = [...new Set(clusters.flatMap((cluster) => cluster.CacheParameterGroup?.CacheParameterGroupName ?? []))];
  const reads = names.map((name) => ({
    name,
    result: context.inventory.parameters.get(name) ?? { items: [] },
  }));
  return fromReads(
    reads.map(({ name, result }) => ({ result, source: `elasticache:DescribeCacheParameters(${name})` })),
    'elasticache:DescribeCacheParameters',
    () =>
      reads.map(({ name, result }) => ({
        CacheParameterGroupName: name,
        parameters: Object.fromEntries(
          result.items
            .filter((parameter) => (ELASTICACHE_PARAMETERS as readonly string[]).includes(parameter.ParameterName ?? ''))
            .map((parameter) => [
              parameter.ParameterName,
              {
                ParameterValue: orNull(parameter.ParameterValue),
                Source: orNull(parameter.Source),
                IsModifiable: orNull(parameter.IsModifiable),
              },
            ]),
        ),
      })),
  );
}

function member(cluster: CacheCluster): ElastiCacheMember {
  return {
    CacheClusterId: cluster.CacheClusterId ?? '',
    ARN: orNull(cluster.ARN),
    Engine: orNull(cluster.Engine),
    EngineVersion: orNull(cluster.EngineVersion),
    CacheClusterStatus: orNull(cluster.CacheClusterStatus),
    CacheNodeType: orNull(cluster.CacheNodeType),
    NumCacheNodes: orNull(cluster.NumCacheNodes),
    PreferredAvailabilityZone: orNull(cluster.PreferredAvailabilityZone),
    PreferredMaintenanceWindow: orNull(cluster.PreferredMaintenanceWindow),
    AutoMinorVersionUpgrade: orNull(cluster.AutoMinorVersionUpgrade),
    CacheParameterGroupName: orNull(cluster.CacheParameterGroup?.CacheParameterGroupName),
    ParameterApplyStatus: orNull(cluster.CacheParameterGroup?.ParameterApplyStatus),
    CacheSubnetGroupName: orNull(cluster.CacheSubnetGroupName),
    SecurityGroups: (cluster.SecurityGroups ?? []).flatMap((sg) =>
      sg.SecurityGroupId ? [{ SecurityGroupId: sg.SecurityGroupId, Status: orNull(sg.Status) }] : [],
    ),
    NotificationConfiguration: cluster.NotificationConfiguration
      ? {
          TopicArn: orNull(cluster.NotificationConfiguration.TopicArn),
          TopicStatus: orNull(cluster.NotificationConfiguration.TopicStatus),
        }
      : null,
    CacheNodes: (cluster.CacheNodes ?? []).map((node) => ({
      CacheNodeId: orNull(node.CacheNodeId),
      CacheNodeStatus: orNull(node.CacheNodeStatus),
      Endpoint: endpoint(node.Endpoint),
      CustomerAvailabilityZone: orNull(node.CustomerAvailabilityZone),
    })),
    TransitEncryptionEnabled: orNull(cluster.TransitEncryptionEnabled),
    TransitEncryptionMode: orNull(cluster.TransitEncryptionMode),
    AtRestEncryptionEnabled: orNull(cluster.AtRestEncryptionEnabled),
    AuthTokenEnabled: orNull(cluster.AuthTokenEnabled),
    AuthTokenLastModifiedDate: iso(cluster.AuthTokenLastModifiedDate),
    SnapshotRetentionLimit: orNull(cluster.SnapshotRetentionLimit),
    SnapshotWindow: orNull(cluster.SnapshotWindow),
    ReplicationGroupLogDeliveryEnabled: orNull(cluster.ReplicationGroupLogDeliveryEnabled),
    LogDeliveryConfigurations: logDeliveries(cluster.LogDeliveryConfigurations),
  };
}

function groupSettings(group: ReplicationGroup): ElastiCacheSettings {
  const pending = group.PendingModifiedValues;
  return {
    Description: orNull(group.Description),
    Status: orNull(group.Status),
    Engine: orNull(group.Engine),
    EngineVersion: null,
    CacheNodeType: orNull(group.CacheNodeType),
    ClusterEnabled: orNull(group.ClusterEnabled),
    ClusterMode: orNull(group.ClusterMode),
    TransitEncryptionEnabled: orNull(group.TransitEncryptionEnabled),
    TransitEncryptionMode: orNull(group.TransitEncryptionMode),
    AtRestEncryptionEnabled: orNull(group.AtRestEncryptionEnabled),
    KmsKeyId: orNull(group.KmsKeyId),
    AuthTokenEnabled: orNull(group.AuthTokenEnabled),
    AuthTokenLastModifiedDate: iso(group.AuthTokenLastModifiedDate),
    UserGroupIds: group.UserGroupIds ?? [],
    AutomaticFailover: orNull(group.AutomaticFailover),
    MultiAZ: orNull(group.MultiAZ),
    SnapshotRetentionLimit: orNull(group.SnapshotRetentionLimit),
    SnapshotWindow: orNull(group.SnapshotWindow),
    PreferredMaintenanceWindow: null,
    AutoMinorVersionUpgrade: orNull(group.AutoMinorVersionUpgrade),
    LogDeliveryConfigurations: logDeliveries(group.LogDeliveryConfigurations),
    PendingModifiedValues: pending
      ? {
          AuthTokenStatus: orNull(pending.AuthTokenStatus),
          TransitEncryptionEnabled: orNull(pending.TransitEncryptionEnabled),
          TransitEncryptionMode: orNull(pending.TransitEncryptionMode),
          UserGroupIdsToAdd: pending.UserGroups?.UserGroupIdsToAdd ?? [],
          UserGroupIdsToRemove: pending.UserGroups?.UserGroupIdsToRemove ?? [],
        }
      : null,
    ConfigurationEndpoint: endpoint(group.ConfigurationEndpoint),
    NodeGroups: (group.NodeGroups ?? []).map((nodeGroup) => ({
      NodeGroupId: orNull(nodeGroup.NodeGroupId),
      Status: orNull(nodeGroup.Status),
      PrimaryEndpoint: endpoint(nodeGroup.PrimaryEndpoint),
      ReaderEndpoint: endpoint(nodeGroup.ReaderEndpoint),
      NodeGroupMembers: (nodeGroup.NodeGroupMembers ?? []).map((node) => ({
        CacheClusterId: orNull(node.CacheClusterId),
        CacheNodeId: orNull(node.CacheNodeId),
        PreferredAvailabilityZone: orNull(node.PreferredAvailabilityZone),
        CurrentRole: orNull(node.CurrentRole),
        ReadEndpoint: endpoint(node.ReadEndpoint),
      })),
    })),
    MemberClusters: group.MemberClusters ?? [],
    NetworkType: orNull(group.NetworkType),
    IpDiscovery: orNull(group.IpDiscovery),
    CreateTime: iso(group.ReplicationGroupCreateTime),
  };
}

function clusterSettings(cluster: CacheCluster): ElastiCacheSettings {
  const pending = cluster.PendingModifiedValues;
  return {
    Description: null,
    Status: orNull(cluster.CacheClusterStatus),
    Engine: orNull(cluster.Engine),
    EngineVersion: orNull(cluster.EngineVersion),
    CacheNodeType: orNull(cluster.CacheNodeType),
    ClusterEnabled: false,
    ClusterMode: null,
    TransitEncryptionEnabled: orNull(cluster.TransitEncryptionEnabled),
    TransitEncryptionMode: orNull(cluster.TransitEncryptionMode),
    AtRestEncryptionEnabled: orNull(cluster.AtRestEncryptionEnabled),
    KmsKeyId: null,
    AuthTokenEnabled: orNull(cluster.AuthTokenEnabled),
    AuthTokenLastModifiedDate: iso(cluster.AuthTokenLastModifiedDate),
    UserGroupIds: [],
    AutomaticFailover: null,
    MultiAZ: null,
    SnapshotRetentionLimit: orNull(cluster.SnapshotRetentionLimit),
    SnapshotWindow: orNull(cluster.SnapshotWindow),
    PreferredMaintenanceWindow: orNull(cluster.PreferredMaintenanceWindow),
    AutoMinorVersionUpgrade: orNull(cluster.AutoMinorVersionUpgrade),
    LogDeliveryConfigurations: logDeliveries(cluster.LogDeliveryConfigurations),
    PendingModifiedValues: pending
      ? {
          AuthTokenStatus: orNull(pending.AuthTokenStatus),
          TransitEncryptionEnabled: orNull(pending.TransitEncryptionEnabled),
          TransitEncryptionMode: orNull(pending.TransitEncryptionMode),
          UserGroupIdsToAdd: [],
          UserGroupIdsToRemove: [],
        }
      : null,
    ConfigurationEndpoint: endpoint(cluster.ConfigurationEndpoint),
    NodeGroups: [],
    MemberClusters: [orNull(cluster.CacheClusterId)].filter((id): id is string => id !== null),
    NetworkType: orNull(cluster.NetworkType),
    IpDiscovery: orNull(cluster.IpDiscovery),
    CreateTime: iso(cluster.CacheClusterCreateTime),
  };
}
