// Reads everything one account needs from one region, with the fewest calls: every list call is
// made once per region with the largest page size the API allows (Marker / NextToken followed to
// the end), per-resource calls only where no list call exists (ListTagsForResource), parameters once
// per distinct parameter group, and one batched EC2 call per kind. Only Describe/List calls.

import {
  ListTagsForResourceCommand,
  paginateDescribeCacheClusters,
  paginateDescribeCacheParameters,
  paginateDescribeCacheSubnetGroups,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  paginateDescribeServerlessCacheSnapshots,
  paginateDescribeSnapshots,
  paginateDescribeUserGroups,
  paginateDescribeUsers,
  type CacheCluster,
  type CacheSubnetGroup,
  type Parameter,
  type ReplicationGroup,
  type ServerlessCache,
  type ServerlessCacheSnapshot,
  type Snapshot,
  type Tag,
  type User,
  type UserGroup,
} from '@aws-sdk/client-elasticache';
import {
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
} from '@aws-sdk/client-ec2';
import type { AwsOptionalApi } from '@/lib/cloud/config';
import { mapWithConcurrency } from '@/lib/concurrency/bounded';
import type { RegionClients } from './clients';
import { DISABLED, drainPages, single, type ListResult } from './list-result';

/** Largest page each API accepts (ElastiCache / EC2 API references). */
export const PAGE_SIZE = {
  DescribeReplicationGroups: 100,
  DescribeCacheClusters: 100,
  DescribeServerlessCaches: 100,
  DescribeUsers: 100,
  DescribeUserGroups: 100,
  DescribeSnapshots: 50,
  DescribeServerlessCacheSnapshots: 50,
  DescribeCacheSubnetGroups: 100,
  DescribeCacheParameters: 100,
  DescribeSecurityGroups: 1000,
  DescribeSubnets: 1000,
  DescribeRouteTables: 100,
} as const;

/** EC2 accepts at most 200 values in one filter. */
const EC2_FILTER_VALUES_MAX = 200;
const stop = { stopOnSameToken: true } as const;

export interface RegionInventory {
  replicationGroups: ListResult<ReplicationGroup>;
  /** Redis/Valkey clusters only (memcached is out of scope, catalog §1.1). */
  cacheClusters: ListResult<CacheCluster>;
  serverlessCaches: ListResult<ServerlessCache>;
  users: ListResult<User>;
  userGroups: ListResult<UserGroup>;
  snapshots: ListResult<Snapshot>;
  serverlessSnapshots: ListResult<ServerlessCacheSnapshot>;
  subnetGroups: ListResult<CacheSubnetGroup>;
  /** By parameter group name. */
  parameters: Map<string, ListResult<Parameter>>;
  /** By resource ARN. */
  tags: Map<string, ListResult<Tag>>;
  securityGroups: ListResult<SecurityGroup>;
  /** The serverless caches' subnets (their VPC). */
  subnets: ListResult<Subnet>;
  routeTables: ListResult<RouteTable>;
}

export interface ReadRegionOptions {
  disabledApis: readonly AwsOptionalApi[];
  /** Calls in flight at once for per-item reads (tags, parameter groups). */
  concurrency: number;
}

const nothingNeeded = async <T>(): Promise<ListResult<T>> => ({ items: [] });

export async function readRegion(clients: RegionClients, options: ReadRegionOptions): Promise<RegionInventory> {
  const { elasticache, ec2 } = clients;
  const disabled = (api: AwsOptionalApi) => options.disabledApis.includes(api);

  // Phase 1: enumerate the caches.
  const [replicationGroups, allClusters, serverlessCaches] = await Promise.all([
    drainPages(
      paginateDescribeReplicationGroups({ client: elasticache, pageSize: PAGE_SIZE.DescribeReplicationGroups, ...stop }, {}),
      (page) => page.ReplicationGroups,
    ),
    drainPages(
      paginateDescribeCacheClusters(
        { client: elasticache, pageSize: PAGE_SIZE.DescribeCacheClusters, ...stop },
        { ShowCacheNodeInfo: true },
      ),
      (page) => page.CacheClusters,
    ),
    drainPages(
      paginateDescribeServerlessCaches({ client: elasticache, pageSize: PAGE_SIZE.DescribeServerlessCaches, ...stop }, {}),
      (page) => page.ServerlessCaches,
    ),
  ]);
  const cacheClusters = { ...allClusters, items: allClusters.items.filter((cluster) => cluster.Engine !== 'memcached') };

  const standalone = cacheClusters.items.filter((cluster) => !cluster.ReplicationGroupId);
  const hasNodeBased = replicationGroups.items.length > 0 || standalone.length > 0;
  const hasServerless = serverlessCaches.items.length > 0;
  const usesUserGroups =
    replicationGroups.items.some((group) => (group.UserGroupIds ?? []).length > 0) ||
    serverlessCaches.items.some((cache) => cache.UserGroupId);
  const taggedArns = [
    ...replicationGroups.items.map((group) => group.ARN),
    ...standalone.map((cluster) => cluster.ARN),
    ...serverlessCaches.items.map((cache) => cache.ARN),
  ].filter((arn): arn is string => Boolean(arn));
  const parameterGroups = [
    ...new Set(cacheClusters.items.flatMap((cluster) => cluster.CacheParameterGroup?.CacheParameterGroupName ?? [])),
  ];
  const securityGroupIds = [
    ...new Set([
      ...cacheClusters.items.flatMap((cluster) => (cluster.SecurityGroups ?? []).flatMap((sg) => sg.SecurityGroupId ?? [])),
      ...serverlessCaches.items.flatMap((cache) => cache.SecurityGroupIds ?? []),
    ]),
  ];
  const serverlessSubnetIds = [...new Set(serverlessCaches.items.flatMap((cache) => cache.SubnetIds ?? []))];

  // Phase 2: everything the caches refer to, side by side.
  const [users, userGroups, snapshots, serverlessSnapshots, subnetGroups, parameters, tags, securityGroups, subnets, routeTables] =
    await Promise.all([
      usesUserGroups
        ? drainPages(paginateDescribeUsers({ client: elasticache, pageSize: PAGE_SIZE.DescribeUsers, ...stop }, {}), (page) => page.Users)
        : nothingNeeded<User>(),
      usesUserGroups
        ? drainPages(
            paginateDescribeUserGroups({ client: elasticache, pageSize: PAGE_SIZE.DescribeUserGroups, ...stop }, {}),
            (page) => page.UserGroups,
          )
        : nothingNeeded<UserGroup>(),
      hasNodeBased
        ? drainPages(
            paginateDescribeSnapshots({ client: elasticache, pageSize: PAGE_SIZE.DescribeSnapshots, ...stop }, {}),
            (page) => page.Snapshots,
          )
        : nothingNeeded<Snapshot>(),
      !hasServerless
        ? nothingNeeded<ServerlessCacheSnapshot>()
        : disabled('DescribeServerlessCacheSnapshots')
          ? Promise.resolve({ items: [], failure: DISABLED })
          : drainPages(
              paginateDescribeServerlessCacheSnapshots(
                { client: elasticache, pageSize: PAGE_SIZE.DescribeServerlessCacheSnapshots, ...stop },
                {},
              ),
              (page) => page.ServerlessCacheSnapshots,
            ),
      hasNodeBased
        ? drainPages(
            paginateDescribeCacheSubnetGroups({ client: elasticache, pageSize: PAGE_SIZE.DescribeCacheSubnetGroups, ...stop }, {}),
            (page) => page.CacheSubnetGroups,
          )
        : nothingNeeded<CacheSubnetGroup>(),
      readParameterGroups(clients, parameterGroups, options, disabled('DescribeCacheParameters')),
      readTags(clients, taggedArns, options.concurrency),
      readSecurityGroups(clients, securityGroupIds),
      serverlessSubnetIds.length === 0
        ? nothingNeeded<Subnet>()
        : drainChunks(serverlessSubnetIds, (ids) =>
            paginateDescribeSubnets(
              { client: ec2, pageSize: PAGE_SIZE.DescribeSubnets, ...stop },
              { Filters: [{ Name: 'subnet-id', Values: ids }] },
            ),
          (page) => page.Subnets,
          ),
      !hasNodeBased && serverlessSubnetIds.length === 0
        ? nothingNeeded<RouteTable>()
        : disabled('DescribeRouteTables')
          ? Promise.resolve({ items: [], failure: DISABLED })
          : drainPages(
              paginateDescribeRouteTables({ client: ec2, pageSize: PAGE_SIZE.DescribeRouteTables, ...stop }, {}),
              (page) => page.RouteTables,
            ),
    ]);

  return {
    replicationGroups,
    cacheClusters,
    serverlessCaches,
    users,
    userGroups,
    snapshots,
    serverlessSnapshots,
    subnetGroups,
    parameters,
    tags,
    securityGroups,
    subnets,
    routeTables,
  };
}

async function readParameterGroups(
  { elasticache }: RegionClients,
  names: string[],
  options: ReadRegionOptions,
  isDisabled: boolean,
): Promise<Map<string, ListResult<Parameter>>> {
  const results = await mapWithConcurrency(names, options.concurrency, (name) =>
    isDisabled
      ? Promise.resolve<ListResult<Parameter>>({ items: [], failure: DISABLED })
      : drainPages(
          paginateDescribeCacheParameters(
            { client: elasticache, pageSize: PAGE_SIZE.DescribeCacheParameters, ...stop },
            { CacheParameterGroupName: name },
          ),
          (page) => page.Parameters,
        ),
  );
  return new Map(names.map((name, index) => [name, results[index]]));
}

async function readTags({ elasticache }: RegionClients, arns: string[], concurrency: number): Promise<Map<string, ListResult<Tag>>> {
  const results = await mapWithConcurrency(arns, concurrency, (arn) =>
    single(async () => (await elasticache.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList),
  );
  return new Map(arns.map((arn, index) => [arn, results[index]]));
}

/** A `group-id` filter (unlike GroupId.N) does not fail the whole call when one group is gone. */
function readSecurityGroups({ ec2 }: RegionClients, ids: string[]): Promise<ListResult<SecurityGroup>> {
  if (ids.length === 0) return nothingNeeded<SecurityGroup>();
  return drainChunks(
    ids,
    (chunk) =>
      paginateDescribeSecurityGroups(
        { client: ec2, pageSize: PAGE_SIZE.DescribeSecurityGroups, ...stop },
        { Filters: [{ Name: 'group-id', Values: chunk }] },
      ),
    (page) => page.SecurityGroups,
  );
}

/** One paginated EC2 read per 200 filter values (one call for any ordinary estate). */
async function drainChunks<P, T>(
  values: string[],
  pages: (chunk: string[]) => AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
): Promise<ListResult<T>> {
  const items: T[] = [];
  for (let start = 0; start < values.length; start += EC2_FILTER_VALUES_MAX) {
    const result = await drainPages(pages(values.slice(start, start + EC2_FILTER_VALUES_MAX)), pick);
    items.push(...result.items);
    if (result.failure) return { items, failure: result.failure };
  }
  return { items };
}
