// SDK shapes → facts shapes: absent fields become null (never guessed), dates ISO strings, and
// only the fields the catalog reads are kept.

import type {
  Endpoint,
  LogDeliveryConfiguration as SdkLogDelivery,
  Snapshot,
  Tag,
  User,
} from '@aws-sdk/client-elasticache';
import type { IpPermission, RouteTable, SecurityGroup } from '@aws-sdk/client-ec2';
import type { Collected } from '@/lib/facts/common';
import type {
  AwsEndpoint,
  ElastiCacheSnapshotFacts,
  ElastiCacheUser,
  LogDeliveryConfiguration,
  SecurityGroupFacts,
  SecurityGroupRule,
  SubnetRouting,
} from '@/lib/facts/aws';
import type { ListResult } from '@/lib/inventory/aws/list-result';

export const orNull = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);

export const iso = (value: Date | undefined | null): string | null =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : null;

export function endpoint(value: Endpoint | undefined): AwsEndpoint | null {
  return value ? { Address: orNull(value.Address), Port: orNull(value.Port) } : null;
}

export function logDeliveries(list: SdkLogDelivery[] | undefined): LogDeliveryConfiguration[] {
  return (list ?? []).map((entry) => ({
    LogType: orNull(entry.LogType),
    DestinationType: orNull(entry.DestinationType),
    Destination:
      entry.DestinationDetails?.CloudWatchLogsDetails?.LogGroup ??
      entry.DestinationDetails?.KinesisFirehoseDetails?.DeliveryStream ??
      null,
    LogFormat: orNull(entry.LogFormat),
    Status: orNull(entry.Status),
    Message: orNull(entry.Message),
  }));
}

export function tagsToRecord(tags: Tag[]): Record<string, string> {
  return Object.fromEntries(tags.flatMap((tag) => (tag.Key ? [[tag.Key, tag.Value ?? '']] : [])));
}

function rule(permission: IpPermission): SecurityGroupRule {
  return {
    IpProtocol: orNull(permission.IpProtocol),
    FromPort: orNull(permission.FromPort),
    ToPort: orNull(permission.ToPort),
    IpRanges: (permission.IpRanges ?? []).flatMap((range) =>
      range.CidrIp ? [{ CidrIp: range.CidrIp, Description: orNull(range.Description) }] : [],
    ),
    Ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((range) =>
      range.CidrIpv6 ? [{ CidrIpv6: range.CidrIpv6, Description: orNull(range.Description) }] : [],
    ),
    PrefixListIds: (permission.PrefixListIds ?? []).flatMap((entry) =>
      entry.PrefixListId ? [{ PrefixListId: entry.PrefixListId, Description: orNull(entry.Description) }] : [],
    ),
    UserIdGroupPairs: (permission.UserIdGroupPairs ?? []).map((pair) => ({
      GroupId: orNull(pair.GroupId),
      UserId: orNull(pair.UserId),
      VpcId: orNull(pair.VpcId),
    })),
  };
}

export function securityGroup(group: SecurityGroup): SecurityGroupFacts {
  return {
    GroupId: group.GroupId ?? '',
    GroupName: orNull(group.GroupName),
    VpcId: orNull(group.VpcId),
    OwnerId: orNull(group.OwnerId),
    IpPermissions: (group.IpPermissions ?? []).map(rule),
    IpPermissionsEgress: (group.IpPermissionsEgress ?? []).map(rule),
  };
}

export function user(value: User): ElastiCacheUser {
  return {
    UserId: value.UserId ?? '',
    UserName: orNull(value.UserName),
    Status: orNull(value.Status),
    Engine: orNull(value.Engine),
    MinimumEngineVersion: orNull(value.MinimumEngineVersion),
    AccessString: orNull(value.AccessString),
    AuthenticationType: orNull(value.Authentication?.Type),
    PasswordCount: orNull(value.Authentication?.PasswordCount),
    ARN: orNull(value.ARN),
  };
}

export function snapshot(value: Snapshot): ElastiCacheSnapshotFacts {
  const created = (value.NodeSnapshots ?? [])
    .map((node) => iso(node.SnapshotCreateTime))
    .filter((time): time is string => time !== null)
    .sort();
  return {
    SnapshotName: value.SnapshotName ?? '',
    SnapshotSource: orNull(value.SnapshotSource),
    SnapshotStatus: orNull(value.SnapshotStatus),
    KmsKeyId: orNull(value.KmsKeyId),
    ReplicationGroupId: orNull(value.ReplicationGroupId),
    CacheClusterId: orNull(value.CacheClusterId),
    SnapshotCreateTime: created.at(-1) ?? null,
    ARN: orNull(value.ARN),
  };
}

/** Newest first; snapshots without a time go last. */
export const byCreateTimeDesc = (a: { time: string | null }, b: { time: string | null }): number =>
  (b.time ?? '').localeCompare(a.time ?? '');

/** The route table that applies to each subnet: its explicit association, else the VPC's main table. */
export function routingFor(subnets: { SubnetId: string; VpcId: string | null }[], tables: RouteTable[]): SubnetRouting[] {
  return subnets.map(({ SubnetId, VpcId }) => {
    const explicit = tables.find((table) => (table.Associations ?? []).some((assoc) => assoc.SubnetId === SubnetId));
    const main = explicit
      ? undefined
      : tables.find((table) => table.VpcId === VpcId && (table.Associations ?? []).some((assoc) => assoc.Main));
    const table = explicit ?? main;
    return {
      SubnetId,
      VpcId: VpcId ?? orNull(table?.VpcId),
      RouteTableId: orNull(table?.RouteTableId),
      association: explicit ? 'explicit' : main ? 'main' : 'none',
      Routes: (table?.Routes ?? []).map((route) => ({
        DestinationCidrBlock: orNull(route.DestinationCidrBlock),
        DestinationIpv6CidrBlock: orNull(route.DestinationIpv6CidrBlock),
        DestinationPrefixListId: orNull(route.DestinationPrefixListId),
        GatewayId: orNull(route.GatewayId),
        NatGatewayId: orNull(route.NatGatewayId),
        TransitGatewayId: orNull(route.TransitGatewayId),
        VpcPeeringConnectionId: orNull(route.VpcPeeringConnectionId),
        EgressOnlyInternetGatewayId: orNull(route.EgressOnlyInternetGatewayId),
        State: orNull(route.State),
      })),
    };
  });
}

/** A fact from one read: its value, or the read's failure with the provider's code. */
export function fromRead<T, V>(result: ListResult<T>, source: string, build: (items: T[]) => V): Collected<V> {
  if (result.failure) {
    return {
      ok: false,
      outcome: result.failure.outcome,
      reason: `${result.failure.code}: ${result.failure.message}`,
      source,
    };
  }
  return { ok: true, value: build(result.items), source };
}

/** A fact that needs several reads: the first failure decides. */
export function fromReads<V>(results: { result: ListResult<unknown>; source: string }[], source: string, build: () => V): Collected<V> {
  const failed = results.find(({ result }) => result.failure);
  if (failed?.result.failure) {
    return {
      ok: false,
      outcome: failed.result.failure.outcome,
      reason: `${failed.source} — ${failed.result.failure.code}: ${failed.result.failure.message}`,
      source,
    };
  }
  return { ok: true, value: build(), source };
}

export function notCollected(source: string, reason: string): Collected<never> {
  return { ok: false, outcome: 'not_collected', reason, source };
}
