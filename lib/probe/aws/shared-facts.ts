// Facts that node-based and serverless caches build the same way from the region's reads.

import type { Collected, ProbeInfo } from '@/lib/facts/common';
import type { SecurityGroupsFact, UncollectedOptionalFacts, UserGroupsFact } from '@/lib/facts/aws';
import type { RegionInventory } from '@/lib/inventory/aws/read-region';
import { fromRead, fromReads, notCollected, orNull, securityGroup, tagsToRecord, user } from './normalize';

export interface RegionContext {
  account: string;
  region: string;
  collectedAt: string;
  probe: ProbeInfo;
  inventory: RegionInventory;
}

export function securityGroupsFact(context: RegionContext, ids: string[]): Collected<SecurityGroupsFact> {
  return fromRead(context.inventory.securityGroups, 'ec2:DescribeSecurityGroups', (items) => {
    const groups = items.filter((group) => group.GroupId && ids.includes(group.GroupId)).map(securityGroup);
    return { groups, missingGroupIds: ids.filter((id) => !groups.some((group) => group.GroupId === id)) };
  });
}

export function userGroupsFact(context: RegionContext, ids: string[]): Collected<UserGroupsFact> {
  const { users, userGroups } = context.inventory;
  return fromReads(
    [
      { result: userGroups, source: 'elasticache:DescribeUserGroups' },
      { result: users, source: 'elasticache:DescribeUsers' },
    ],
    'elasticache:DescribeUserGroups + elasticache:DescribeUsers',
    () => {
      const groups = userGroups.items
        .filter((group) => group.UserGroupId && ids.includes(group.UserGroupId))
        .map((group) => {
          const userIds = group.UserIds ?? [];
          const members = users.items.filter((candidate) => candidate.UserId && userIds.includes(candidate.UserId));
          return {
            UserGroupId: group.UserGroupId ?? '',
            Status: orNull(group.Status),
            Engine: orNull(group.Engine),
            UserIds: userIds,
            users: members.map(user),
            missingUserIds: userIds.filter((id) => !members.some((member) => member.UserId === id)),
            ReplicationGroups: group.ReplicationGroups ?? [],
            ServerlessCaches: group.ServerlessCaches ?? [],
            PendingChanges: group.PendingChanges
              ? {
                  UserIdsToAdd: group.PendingChanges.UserIdsToAdd ?? [],
                  UserIdsToRemove: group.PendingChanges.UserIdsToRemove ?? [],
                }
              : null,
          };
        });
      return { groups, missingUserGroupIds: ids.filter((id) => !groups.some((group) => group.UserGroupId === id)) };
    },
  );
}

export function tagsFact(context: RegionContext, arn: string | null): Collected<Record<string, string>> {
  const source = 'elasticache:ListTagsForResource';
  const result = arn ? context.inventory.tags.get(arn) : undefined;
  if (!result) return notCollected(source, 'the resource has no ARN in the describe response');
  return fromRead(result, source, tagsToRecord);
}

/** Optional APIs whose clients are not part of this build (catalog §1.6 → not_assessable). */
export function uncollectedOptionalFacts(): UncollectedOptionalFacts {
  const reason = 'not collected: this scanner build has no client for this optional API';
  return {
    kmsKey: notCollected('kms:DescribeKey + kms:GetKeyRotationStatus', reason),
    cloudTrail: notCollected('cloudtrail:DescribeTrails + GetTrailStatus + GetEventSelectors', reason),
    logGroups: notCollected('logs:DescribeLogGroups', reason),
  };
}
