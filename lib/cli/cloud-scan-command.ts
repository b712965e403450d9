// `redis-compliance cloud-scan [--aws-region R]... [--aws-profile P] [--aws-role-arn ARN
//   [--aws-external-id ID]]... [--aws-skip-base-account] [--gcp-project P]... [--config F]
//   [--format json|table] [--fail-on low|medium|high|critical]`
// Inventories AWS ElastiCache (node-based and Serverless) and Memorystore for Redis through the
// providers' read APIs and evaluates every resource. The base credentials' own account is scanned
// (unless --aws-skip-base-account) and each role adds its account. Endpoint overrides come from the
// environment: AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, GOOGLE_CLOUD_REDIS_ENDPOINT.
// Exit: 2 = a source in error or partial, or a usage error; 1 = a fail at or above --fail-on; 0 = clean.

import { InvalidArgumentError, Option, type Command } from 'commander';
import packageJson from '@/package.json';
import { collectCloud } from '@/lib/cloud/collect';
import { evaluateCollection } from '@/lib/cloud-scans/evaluate-collection';
import { sourceLabel } from '@/lib/cloud-scans/source-status';
import { SEVERITIES, type Severity } from '@/lib/controls/types';
import { cloudScanPlan, type CloudScanFlags } from './cloud-scan-config';
import { cloudExitCode, cloudJsonDocument, cloudTable } from './cloud-scan-report';

export interface CloudScanIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

interface Flags extends CloudScanFlags {
  config?: string;
  format: 'json' | 'table';
  failOn: Severity;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function runCloudScan(flags: Flags, io: CloudScanIo): Promise<number> {
  const plan = cloudScanPlan(flags, flags.config);
  // The pinned AWS SDK prints a Node-version notice per client on Node 20: noise on stderr.
  io.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const scannedAt = new Date();
  const collection = await collectCloud(plan.cloud);
  for (const source of collection.sources) {
    const errors = source.errors.map((e) => `${e.api} ${e.code}`).join(', ');
    io.stderr(`[${sourceLabel(source)}] ${source.status} — ${source.resourceCount} resource(s)${errors ? ` — ${errors}` : ''}\n`);
  }
  const resources = evaluateCollection(collection, { thresholds: plan.thresholds, now: new Date() });
  if (flags.format === 'json') {
    const tool = { name: 'redis-compliance' as const, version: packageJson.version };
    io.stdout(`${JSON.stringify(cloudJsonDocument(tool, scannedAt, collection.sources, resources), null, 2)}\n`);
  } else {
    io.stdout(cloudTable(collection.sources, resources));
  }
  return cloudExitCode(collection.sources, resources, flags.failOn);
}

export function registerCloudScanCommand(program: Command, io: CloudScanIo, setCode: (code: number) => void) {
  // `--aws-external-id` belongs to the `--aws-role-arn` just before it (the options are parsed in order).
  const roles: { arn: string; externalId?: string }[] = [];
  program
    .command('cloud-scan')
    .description('Inventory AWS ElastiCache / ElastiCache Serverless and Google Cloud Memorystore (read-only APIs) and report every control')
    .option('--aws-region <region>', 'AWS region to scan (repeat; default: every region enabled for the account)', collect)
    .option('--aws-profile <profile>', 'named profile for the base credentials (default: the SDK provider chain)')
    .option('--aws-role-arn <arn>', 'IAM role to assume in another account (repeat; follow each with its --aws-external-id)', (arn: string) => {
      roles.push({ arn });
      return roles;
    })
    .option('--aws-external-id <id>', 'ExternalId for the --aws-role-arn just before it', (externalId: string) => {
      const role = roles.at(-1);
      if (!role) throw new InvalidArgumentError('--aws-external-id must follow the --aws-role-arn it belongs to');
      if (role.externalId !== undefined) throw new InvalidArgumentError(`${role.arn} already has an ExternalId: give one --aws-external-id per --aws-role-arn`);
      role.externalId = externalId;
      return externalId;
    })
    .option('--aws-skip-base-account', "scan only the role accounts, not the base credentials' own")
    .option('--gcp-project <project>', 'Google Cloud project to scan (repeat; credentials: Application Default Credentials)', collect)
    .option('--config <file>', 'YAML or JSON with aws / gcp settings (as lib/cloud/config.ts) and thresholds; flags win')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a control fails at or above this severity').choices([...SEVERITIES]).default('low'))
    .action(async (flags: Flags) => {
      setCode(await runCloudScan({ ...flags, awsRoles: roles }, io));
    });
}
