// AWS side of collectCloud: every configured account × region, regions in parallel (bounded by the
// shared limiter). A region that cannot be enumerated becomes an `error` source and the other
// regions still complete; an account whose credentials fail becomes one account-wide error source.

import type { ProbeInfo } from '@/lib/facts/common';
import type { ElastiCacheFacts, ElastiCacheServerlessFacts } from '@/lib/facts/aws';
import {
  accountTargets,
  clientDefaults,
  resolveAccountId,
  resolveRegions,
  type AccountTarget,
  type ClientDefaults,
} from '@/lib/inventory/aws/accounts';
import { createRegionClients, destroyRegionClients } from '@/lib/inventory/aws/clients';
import type { AwsFailure } from '@/lib/inventory/aws/errors';
import type { ListResult } from '@/lib/inventory/aws/list-result';
import { readRegion, type RegionInventory } from '@/lib/inventory/aws/read-region';
import { buildElastiCacheFacts } from '@/lib/probe/aws/elasticache-facts';
import { buildServerlessFacts } from '@/lib/probe/aws/serverless-facts';
import type { AwsConfig } from './config';
import { SourceErrors, type Source } from './source';

export type AwsResource = ElastiCacheFacts | ElastiCacheServerlessFacts;

export interface AwsRunOptions {
  limit: <R>(task: () => Promise<R>) => Promise<R>;
  regionConcurrency: number;
  probe: ProbeInfo;
}

interface Collected {
  sources: Source[];
  resources: AwsResource[];
}

export async function collectAws(aws: AwsConfig, options: AwsRunOptions): Promise<Collected> {
  const defaults = clientDefaults(aws);
  const perAccount = await Promise.all(
    accountTargets(aws, defaults).map((target) => collectAccount(aws, target, defaults, options)),
  );
  return {
    sources: perAccount.flatMap((result) => result.sources),
    resources: perAccount.flatMap((result) => result.resources),
  };
}

async function collectAccount(aws: AwsConfig, target: AccountTarget, defaults: ClientDefaults, options: AwsRunOptions): Promise<Collected> {
  const account = await options.limit(() => resolveAccountId(target, defaults));
  if (!account.ok) return accountFailure(target, target.accountHint ?? 'unknown', account.api, account.failure);
  const regions = await options.limit(() => resolveRegions(aws, target, defaults));
  if (!regions.ok) return accountFailure(target, account.value, regions.api, regions.failure);

  const perRegion = await Promise.all(
    regions.value.map((region) =>
      options.limit(() => collectRegion(aws, target, account.value, region, defaults, options)),
    ),
  );
  return {
    sources: perRegion.map((result) => result.source),
    resources: perRegion.flatMap((result) => result.resources),
  };
}

function accountFailure(target: AccountTarget, account: string, api: string, failure: AwsFailure): Collected {
  const errors = new SourceErrors();
  errors.add(api, failure.code, failure.message);
  return {
    sources: [{ provider: 'aws', account, region: '*', status: 'error', errors: errors.list(), via: target.via, resourceCount: 0 }],
    resources: [],
  };
}

async function collectRegion(
  aws: AwsConfig,
  target: AccountTarget,
  account: string,
  region: string,
  defaults: ClientDefaults,
  options: AwsRunOptions,
): Promise<{ source: Source; resources: AwsResource[] }> {
  const clients = createRegionClients({ ...defaults, region, credentials: target.credentials });
  try {
    const inventory = await readRegion(clients, {
      disabledApis: aws.disabledApis ?? [],
      concurrency: options.regionConcurrency,
    });
    const context = { account, region, collectedAt: new Date().toISOString(), probe: options.probe, inventory };
    const resources: AwsResource[] = [...buildElastiCacheFacts(context), ...buildServerlessFacts(context)];
    const { errors, enumerationFailed } = regionErrors(inventory);
    return {
      source: {
        provider: 'aws',
        account,
        region,
        status: enumerationFailed ? 'error' : errors.size > 0 ? 'partial' : 'ok',
        errors: errors.list(),
        via: target.via,
        resourceCount: resources.length,
      },
      resources,
    };
  } finally {
    destroyRegionClients(clients);
  }
}

/** IAM action of each read, for the source's error list. */
const READ_APIS: Record<Exclude<keyof RegionInventory, 'parameters' | 'tags'>, string> = {
  replicationGroups: 'elasticache:DescribeReplicationGroups',
  cacheClusters: 'elasticache:DescribeCacheClusters',
  serverlessCaches: 'elasticache:DescribeServerlessCaches',
  users: 'elasticache:DescribeUsers',
  userGroups: 'elasticache:DescribeUserGroups',
  snapshots: 'elasticache:DescribeSnapshots',
  serverlessSnapshots: 'elasticache:DescribeServerlessCacheSnapshots',
  subnetGroups: 'elasticache:DescribeCacheSubnetGroups',
  securityGroups: 'ec2:DescribeSecurityGroups',
  subnets: 'ec2:DescribeSubnets',
  routeTables: 'ec2:DescribeRouteTables',
};
/** Without these three the region's list of caches is incomplete. */
const ENUMERATION_READS = ['replicationGroups', 'cacheClusters', 'serverlessCaches'] as const;

function regionErrors(inventory: RegionInventory): { errors: SourceErrors; enumerationFailed: boolean } {
  const errors = new SourceErrors();
  const note = (api: string, result: ListResult<unknown>) => {
    // A switched-off optional API is configuration, not a fault of the source.
    if (result.failure && result.failure.outcome !== 'disabled') errors.add(api, result.failure.code, result.failure.message);
  };
  for (const [key, api] of Object.entries(READ_APIS)) note(api, inventory[key as keyof typeof READ_APIS]);
  for (const result of inventory.parameters.values()) note('elasticache:DescribeCacheParameters', result);
  for (const result of inventory.tags.values()) note('elasticache:ListTagsForResource', result);
  return { errors, enumerationFailed: ENUMERATION_READS.some((key) => inventory[key].failure !== undefined) };
}
