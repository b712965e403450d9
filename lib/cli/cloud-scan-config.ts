// The `cloud-scan --config` file (YAML or JSON): the collector's own settings (`aws`, `gcp`,
// `concurrency`, `regionConcurrency` — lib/cloud/config.ts) plus `thresholds` (catalog §1.7).
// Command-line flags are merged over it. Every problem is reported by name; secrets never echoed.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CloudConfigError, parseCloudConfig, type CloudConfigInput } from '@/lib/cloud/collect';
import { DEFAULT_THRESHOLDS, parseThresholds, type Thresholds } from '@/lib/controls/thresholds';
import { ConfigFileError } from './config-file';

export interface CloudScanFlags {
  awsRegion?: string[];
  awsProfile?: string;
  awsRoles?: { arn: string; externalId?: string }[];
  awsSkipBaseAccount?: boolean;
  gcpProject?: string[];
}

export interface CloudScanPlan {
  cloud: CloudConfigInput;
  thresholds: Thresholds;
}

function readConfig(file: string): { cloud: Record<string, unknown>; thresholds: Thresholds } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigFileError(`--config: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigFileError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigFileError(`${file}: expected a mapping with aws, gcp and/or thresholds`);
  const { thresholds: rawThresholds, ...cloud } = raw as Record<string, unknown>;
  const parsed = parseThresholds(rawThresholds ?? {});
  if (!parsed.ok) throw new ConfigFileError(`${file}:\n${parsed.errors.map((e) => `  - thresholds.${e.replace(/^thresholds\./, '')}`).join('\n')}`);
  return { cloud, thresholds: parsed.thresholds };
}

const hasAwsFlags = (f: CloudScanFlags) => Boolean(f.awsRegion?.length || f.awsProfile || f.awsRoles?.length || f.awsSkipBaseAccount);

/** The collector input: the file's settings with the flags over them (roles from flags are added). */
export function cloudScanPlan(flags: CloudScanFlags, configFile?: string): CloudScanPlan {
  const file = configFile ? readConfig(configFile) : { cloud: {}, thresholds: DEFAULT_THRESHOLDS };
  const cloud = { ...file.cloud } as Record<string, unknown> & CloudConfigInput;
  if (hasAwsFlags(flags)) {
    const aws = { ...(cloud.aws as Record<string, unknown> | undefined) };
    if (flags.awsRegion?.length) aws.regions = flags.awsRegion;
    if (flags.awsProfile) aws.profile = flags.awsProfile;
    if (flags.awsRoles?.length) aws.roles = [...((aws.roles as unknown[]) ?? []), ...flags.awsRoles];
    if (flags.awsSkipBaseAccount) aws.skipBaseAccount = true;
    cloud.aws = aws as CloudConfigInput['aws'];
  }
  if (flags.gcpProject?.length) cloud.gcp = { ...(cloud.gcp as Record<string, unknown> | undefined), projects: flags.gcpProject } as CloudConfigInput['gcp'];
  if (!cloud.aws && !cloud.gcp) {
    throw new ConfigFileError('nothing to scan: give --aws-region / --aws-profile / --aws-role-arn for AWS, --gcp-project for Google Cloud, or --config with aws/gcp settings');
  }
  try {
    parseCloudConfig(cloud);
  } catch (err) {
    if (err instanceof CloudConfigError) throw new ConfigFileError(err.message);
    throw err;
  }
  return { cloud, thresholds: file.thresholds };
}
