// Entry point of cloud inventory and fact collection: reads every configured AWS account/region
// and Google Cloud project and returns one facts snapshot per resource plus one source per scope.
// Collects and decides nothing (controls do); a scope that could not be read is a source with
// status `error`, never an empty success.

import type { ProbeInfo } from '@/lib/facts/common';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { collectAws, type AwsResource } from './aws';
import { createLimiter } from '@/lib/concurrency/bounded';
import { parseCloudConfig, type CloudConfigInput } from './config';
import { collectGcp } from './gcp';
import type { Source } from './source';

export type CloudResource = AwsResource | MemorystoreFacts;

export interface CloudCollection {
  sources: Source[];
  resources: CloudResource[];
}

export const CLOUD_PROBE: ProbeInfo = { name: 'redis-compliance-cloud-inventory', version: '1.0.0' };

export interface CollectOptions {
  /** First backoff delay of the Google 429/503 retry (tests shorten it). */
  gcpRetryBaseDelayMs?: number;
}

/** Validates `input` (throws CloudConfigError naming each wrong field), then collects. */
export async function collectCloud(input: CloudConfigInput, options: CollectOptions = {}): Promise<CloudCollection> {
  const config = parseCloudConfig(input);
  // One gate for all account/region and project tasks, so regions run side by side.
  const limit = createLimiter(config.concurrency ?? 8);
  const [aws, gcp] = await Promise.all([
    config.aws
      ? collectAws(config.aws, { limit, regionConcurrency: config.regionConcurrency ?? 8, probe: CLOUD_PROBE })
      : { sources: [], resources: [] },
    config.gcp
      ? collectGcp(config.gcp, { limit, probe: CLOUD_PROBE, retryBaseDelayMs: options.gcpRetryBaseDelayMs })
      : { sources: [], resources: [] },
  ]);
  return { sources: [...aws.sources, ...gcp.sources], resources: [...aws.resources, ...gcp.resources] };
}

export type { Source, SourceError, SourceStatus } from './source';
export type { CloudConfig, CloudConfigInput } from './config';
export { CloudConfigError, parseCloudConfig } from './config';
