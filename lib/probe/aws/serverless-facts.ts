// Builds one ElastiCacheServerlessFacts per serverless cache from one region's reads.

import type { ServerlessCache } from '@aws-sdk/client-elasticache';
import type { ElastiCacheServerlessFacts, ElastiCacheServerlessSettings } from '@/lib/facts/aws';
import { byCreateTimeDesc, endpoint, fromRead, fromReads, iso, orNull, routingFor } from './normalize';
import { securityGroupsFact, tagsFact, uncollectedOptionalFacts, userGroupsFact, type RegionContext } from './shared-facts';

export function buildServerlessFacts(context: RegionContext): ElastiCacheServerlessFacts[] {
  return context.inventory.serverlessCaches.items.map((cache) => assemble(context, cache));
}

function assemble(context: RegionContext, cache: ServerlessCache): ElastiCacheServerlessFacts {
  const { inventory } = context;
  const name = cache.ServerlessCacheName ?? '';
  const subnetIds = cache.SubnetIds ?? [];
  const arn = orNull(cache.ARN);
  return {
    platform: 'ecs',
    provider: 'aws',
    kind: 'serverless-cache',
    account: context.account,
    region: context.region,
    resourceId: name,
    arn,
    collectedAt: context.collectedAt,
    probe: context.probe,
    settings: { ok: true, value: settings(cache), source: 'elasticache:DescribeServerlessCaches' },
    securityGroups: securityGroupsFact(context, cache.SecurityGroupIds ?? []),
    routes: fromReads(
      [
        { result: inventory.subnets, source: 'ec2:DescribeSubnets' },
        { result: inventory.routeTables, source: 'ec2:DescribeRouteTables' },
      ],
      'ec2:DescribeSubnets + ec2:DescribeRouteTables',
      () =>
        routingFor(
          subnetIds.map((id) => ({
            SubnetId: id,
            VpcId: inventory.subnets.items.find((subnet) => subnet.SubnetId === id)?.VpcId ?? null,
          })),
          inventory.routeTables.items,
        ),
    ),
    userGroups: userGroupsFact(context, cache.UserGroupId ? [cache.UserGroupId] : []),
    snapshots: fromRead(inventory.serverlessSnapshots, 'elasticache:DescribeServerlessCacheSnapshots', (items) =>
      items
        .filter((snap) => snap.ServerlessCacheConfiguration?.ServerlessCacheName === name)
        .map((snap) => ({
          ServerlessCacheSnapshotName: snap.ServerlessCacheSnapshotName ?? '',
          SnapshotType: orNull(snap.SnapshotType),
          Status: orNull(snap.Status),
          KmsKeyId: orNull(snap.KmsKeyId),
          CreateTime: iso(snap.CreateTime),
          ExpiryTime: iso(snap.ExpiryTime),
          ARN: orNull(snap.ARN),
        }))
        .map((snap) => ({ snap, time: snap.CreateTime }))
        .sort(byCreateTimeDesc)
        .map(({ snap }) => snap),
    ),
    tags: tagsFact(context, arn),
    ...uncollectedOptionalFacts(),
  };
}

function settings(cache: ServerlessCache): ElastiCacheServerlessSettings {
  return {
    Description: orNull(cache.Description),
    Status: orNull(cache.Status),
    Engine: orNull(cache.Engine),
    MajorEngineVersion: orNull(cache.MajorEngineVersion),
    FullEngineVersion: orNull(cache.FullEngineVersion),
    KmsKeyId: orNull(cache.KmsKeyId),
    SecurityGroupIds: cache.SecurityGroupIds ?? [],
    SubnetIds: cache.SubnetIds ?? [],
    Endpoint: endpoint(cache.Endpoint),
    ReaderEndpoint: endpoint(cache.ReaderEndpoint),
    UserGroupId: orNull(cache.UserGroupId),
    SnapshotRetentionLimit: orNull(cache.SnapshotRetentionLimit),
    DailySnapshotTime: orNull(cache.DailySnapshotTime),
    NetworkType: orNull(cache.NetworkType),
    CreateTime: iso(cache.CreateTime),
  };
}
