// Emulated ElastiCache Query API 2015-02-02: the Describe/List actions the scanner may call, with
// Marker / NextToken pagination and the API's MaxRecords bounds (a page size outside them is
// rejected as AWS does). XML in the service's namespace with the service model's member names.

import type { User } from '@aws-sdk/client-elasticache';
import { page, queryError, queryResult, type WireResponse } from './aws-wire';
import type { AwsRegionData } from './world';
import { toXml } from './xml';

export const ELASTICACHE_NAMESPACE = 'http://elasticache.amazonaws.com/doc/2015-02-02/';

/** List element → member element (lists not named here use <member>). */
const MEMBER_NAMES: Record<string, string> = {
  ReplicationGroups: 'ReplicationGroup',
  CacheClusters: 'CacheCluster',
  MemberClusters: 'ClusterId',
  NodeGroups: 'NodeGroup',
  NodeGroupMembers: 'NodeGroupMember',
  CacheNodes: 'CacheNode',
  CacheNodeIdsToReboot: 'CacheNodeId',
  LogDeliveryConfigurations: 'LogDeliveryConfiguration',
  SecurityGroupIds: 'SecurityGroupId',
  SubnetIds: 'SubnetId',
  Snapshots: 'Snapshot',
  NodeSnapshots: 'NodeSnapshot',
  CacheSubnetGroups: 'CacheSubnetGroup',
  Subnets: 'Subnet',
  Parameters: 'Parameter',
  TagList: 'Tag',
  ServerlessCacheSnapshots: 'ServerlessCacheSnapshot',
};

/** UserGroup.ReplicationGroups is a list of ids with <member>, unlike the result list of groups. */
const memberName = (list: string, items: unknown[]) =>
  items.length > 0 && typeof items[0] === 'string' && list === 'ReplicationGroups' ? 'member' : (MEMBER_NAMES[list] ?? 'member');

export const BUILTIN_DEFAULT_USER: User = {
  UserId: 'default',
  UserName: 'default',
  Status: 'active',
  Engine: 'redis',
  MinimumEngineVersion: '6.0',
  AccessString: 'on ~* +@all',
  UserGroupIds: [],
  Authentication: { Type: 'no-password' },
};

interface PageLimits {
  param: 'MaxRecords' | 'MaxResults';
  token: 'Marker' | 'NextToken';
  min: number;
  max: number;
  defaultSize: number;
}

const RECORDS = (min: number, max: number, defaultSize = 100): PageLimits => ({
  param: 'MaxRecords',
  token: 'Marker',
  min,
  max,
  defaultSize,
});
const RESULTS = (max: number, defaultSize = 50): PageLimits => ({ param: 'MaxResults', token: 'NextToken', min: 1, max, defaultSize });

function paged<T>(
  action: string,
  params: URLSearchParams,
  limits: PageLimits,
  items: T[],
  listElement: string,
): WireResponse {
  const requested = params.get(limits.param);
  const size = requested === null ? limits.defaultSize : Number(requested);
  if (!Number.isInteger(size) || size < limits.min || size > limits.max) {
    return queryError(400, 'InvalidParameterValue', `${limits.param} must be between ${limits.min} and ${limits.max}`);
  }
  const slice = page(items, params.get(limits.token), size);
  const marker = slice.next ? toXml(limits.token, slice.next, memberName) : '';
  return queryResult(action, ELASTICACHE_NAMESPACE, marker + toXml(listElement, slice.items, memberName));
}

export function handleElastiCache(action: string, params: URLSearchParams, data: AwsRegionData): WireResponse {
  switch (action) {
    case 'DescribeReplicationGroups': {
      const id = params.get('ReplicationGroupId');
      const groups = id ? data.replicationGroups.filter((group) => group.ReplicationGroupId === id) : data.replicationGroups;
      return paged(action, params, RECORDS(20, 100), groups, 'ReplicationGroups');
    }
    case 'DescribeCacheClusters': {
      const showNodes = params.get('ShowCacheNodeInfo') === 'true';
      const clusters = data.cacheClusters.map((cluster) => (showNodes ? cluster : { ...cluster, CacheNodes: undefined }));
      return paged(action, params, RECORDS(20, 100), clusters, 'CacheClusters');
    }
    case 'DescribeServerlessCaches':
      return paged(action, params, RESULTS(100), data.serverlessCaches, 'ServerlessCaches');
    case 'DescribeUsers': {
      const users = data.users.some((user) => user.UserId === 'default') ? data.users : [BUILTIN_DEFAULT_USER, ...data.users];
      return paged(action, params, RECORDS(20, 100), users, 'Users');
    }
    case 'DescribeUserGroups':
      return paged(action, params, RECORDS(20, 100), data.userGroups, 'UserGroups');
    case 'DescribeSnapshots':
      return paged(action, params, RECORDS(20, 50, 50), data.snapshots, 'Snapshots');
    case 'DescribeServerlessCacheSnapshots':
      return paged(action, params, RESULTS(50), data.serverlessSnapshots, 'ServerlessCacheSnapshots');
    case 'DescribeCacheSubnetGroups':
      return paged(action, params, RECORDS(20, 100), data.subnetGroups, 'CacheSubnetGroups');
    case 'DescribeCacheParameters': {
      const name = params.get('CacheParameterGroupName') ?? '';
      const parameters = data.parameterGroups[name];
      if (!parameters) return queryError(404, 'CacheParameterGroupNotFound', `CacheParameterGroup ${name} not found.`);
      return paged(action, params, RECORDS(20, 100), parameters, 'Parameters');
    }
    case 'ListTagsForResource': {
      const arn = params.get('ResourceName') ?? '';
      return queryResult(action, ELASTICACHE_NAMESPACE, toXml('TagList', data.tags[arn] ?? [], memberName));
    }
    default:
      return queryError(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
  }
}
