// Shared set-up for the cloud tests: an emulator with two AWS accounts (a base account reached with
// its own keys, a second one through a role with an ExternalId) and lookups over the results.

import type { CloudCollection, CloudResource } from '@/lib/cloud/collect';
import type { ElastiCacheFacts, ElastiCacheServerlessFacts } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import type { Collected } from '@/lib/facts/common';
import { startCloudEmulator, type CloudEmulator } from '../emulators/server';

// Pinned SDK on Node 20 prints a support warning per client; it is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const KEY_A = 'AKIAACCOUNTA0000001';
export const SECRET_A = 'secret-that-must-never-appear-in-facts';
export const ROLE_B = `arn:aws:iam::${ACCOUNT_B}:role/redis-compliance-scanner`;
export const EXTERNAL_ID_B = 'ext-7f3a9c';

export async function startTwoAccountEmulator(): Promise<CloudEmulator> {
  const emulator = await startCloudEmulator();
  emulator.aws.accessKeys[KEY_A] = { account: ACCOUNT_A };
  emulator.aws.roles[ROLE_B] = { externalId: EXTERNAL_ID_B };
  return emulator;
}

export function baseAwsConfig(emulator: CloudEmulator, regions: string[]) {
  return { accessKeyId: KEY_A, secretAccessKey: SECRET_A, regions, endpoint: emulator.url };
}

export function resetEmulator(emulator: CloudEmulator): void {
  emulator.clearFaults();
  emulator.calls.length = 0;
}

export function ec(result: CloudCollection, id: string): ElastiCacheFacts {
  const found = result.resources.find((resource): resource is ElastiCacheFacts => resource.platform === 'ec' && resource.resourceId === id);
  if (!found) throw new Error(`no ElastiCache facts for ${id}`);
  return found;
}

export function ecs(result: CloudCollection, name: string): ElastiCacheServerlessFacts {
  const found = result.resources.find(
    (resource): resource is ElastiCacheServerlessFacts => resource.platform === 'ecs' && resource.resourceId === name,
  );
  if (!found) throw new Error(`no serverless facts for ${name}`);
  return found;
}

export function ms(result: CloudCollection, name: string): MemorystoreFacts {
  const found = result.resources.find((resource): resource is MemorystoreFacts => resource.platform === 'ms' && resource.resourceId === name);
  if (!found) throw new Error(`no Memorystore facts for ${name}`);
  return found;
}

/** The value of a fact that must have been collected (fails the test with the reason otherwise). */
export function value<T>(fact: Collected<T>): T {
  if (!fact.ok) throw new Error(`fact from ${fact.source} missing: ${fact.outcome} — ${fact.reason}`);
  return fact.value;
}

export const regionOf = (resource: CloudResource): string => (resource.platform === 'ms' ? resource.location : resource.region);

export function countBy(resources: CloudResource[], key: (resource: CloudResource) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of resources) counts[key(resource)] = (counts[key(resource)] ?? 0) + 1;
  return counts;
}

export function sourceFor(result: CloudCollection, account: string, region: string) {
  const source = result.sources.find((candidate) => candidate.account === account && candidate.region === region);
  if (!source) throw new Error(`no source for ${account}/${region}`);
  return source;
}
