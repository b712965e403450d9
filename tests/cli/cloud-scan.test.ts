// `redis-compliance cloud-scan` as users and other tools run it: the bin spawned as a child process,
// the real AWS and Google SDK clients pointed at the emulator through the environment
// (AWS_ENDPOINT_URL, GOOGLE_CLOUD_REDIS_ENDPOINT, GCE metadata for Application Default Credentials).

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, cacheCluster, memorystoreInstance, replicationGroup } from '../emulators/fixtures';
import { emptyRegion, startCloudEmulator, type CloudEmulator } from '../emulators/server';
import { runCli, type CliRun } from '../support/run-cli';

const work = mkdtempSync(path.join(os.tmpdir(), 'cloud-scan-test-'));
const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';
const KEY_A = 'AKIACLOUDSCANA000001';
const SECRET_A = 'cloud-scan-secret-never-printed';
const ROLE_B = `arn:aws:iam::${ACCOUNT_B}:role/redis-compliance-scanner`;
const EXTERNAL_ID = 'ext-cloud-scan-42';
let emulator: CloudEmulator;

type Run = CliRun;

/** Runs the bin from an unrelated directory with only the emulator's credentials and endpoints. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const isolated: NodeJS.ProcessEnv = {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH ?? '',
    HOME: work,
    AWS_CONFIG_FILE: path.join(work, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'aws-credentials'),
    AWS_ACCESS_KEY_ID: KEY_A,
    AWS_SECRET_ACCESS_KEY: SECRET_A,
    AWS_ENDPOINT_URL: emulator.url,
    AWS_EC2_METADATA_DISABLED: 'true',
    GOOGLE_CLOUD_REDIS_ENDPOINT: emulator.url,
    GCE_METADATA_HOST: emulator.host,
    // No detection ping: gcp-metadata gives it 3 s, which a loaded CI machine can miss (the token request still goes to the emulator).
    METADATA_SERVER_DETECTION: 'assume-present',
    ...env,
  };
  return runCli(['cloud-scan', ...args], { cwd: work, env: isolated });
}

interface Doc {
  sources: { provider: string; account?: string; project?: string; region?: string; status: string; errors: { api: string; code: string }[] }[];
  targets: {
    target: string;
    platform: string;
    status: string;
    error?: string;
    provider: string;
    account?: string;
    region?: string;
    project?: string;
    location?: string;
    resourceId: string;
    arn?: string;
    results: { controlId: string; status: string; severity: string; reason?: string }[];
  }[];
}

const target = (doc: Doc, resourceId: string) => {
  const found = doc.targets.find((t) => t.resourceId === resourceId);
  if (!found) throw new Error(`no target ${resourceId} in ${doc.targets.map((t) => t.resourceId).join(', ')}`);
  return found;
};
const result = (t: Doc['targets'][number], id: string) => t.results.find((r) => r.controlId === id);

beforeAll(async () => {
  emulator = await startCloudEmulator();
  emulator.aws.accessKeys[KEY_A] = { account: ACCOUNT_A };
  emulator.aws.roles[ROLE_B] = { externalId: EXTERNAL_ID };
  // Regions with only the supporting objects (groups, subnets, parameters) and the caches below.
  const preferred = buildRegion(ACCOUNT_A, 'eu-west-1', { replicationGroups: 0, standalone: 0, serverless: 0 });
  const { group, clusters } = replicationGroup(ACCOUNT_A, 'eu-west-1', 'rg-preferred', { transitEncryptionMode: 'preferred', authTokenEnabled: true, authTokenLastModifiedDate: new Date() });
  preferred.replicationGroups.push(group);
  preferred.cacheClusters.push(...clusters);
  const denied = buildRegion(ACCOUNT_A, 'ap-south-1', { replicationGroups: 0, standalone: 0, serverless: 0 });
  denied.cacheClusters.push(cacheCluster(ACCOUNT_A, 'ap-south-1', 'cc-denied-region'));
  emulator.aws.accounts[ACCOUNT_A] = {
    regions: {
      'us-east-1': buildRegion(ACCOUNT_A, 'us-east-1', { replicationGroups: 1, standalone: 1, serverless: 1 }, 'a-use1'),
      'eu-west-1': preferred,
      'ap-south-1': denied,
      'sa-east-1': emptyRegion(),
      'ca-central-1': buildRegion(ACCOUNT_A, 'ca-central-1', { replicationGroups: 1, standalone: 0, serverless: 0 }, 'a-cac1'),
    },
  };
  emulator.aws.accounts[ACCOUNT_B] = { regions: { 'us-east-1': buildRegion(ACCOUNT_B, 'us-east-1', { replicationGroups: 1, standalone: 0, serverless: 0 }, 'b-use1') } };
  emulator.gcp.projects['phi-prod-1'] = { instances: [memorystoreInstance('phi-prod-1', 'us-central1', 'sessions')] };
  // The base credentials may not list replication groups in ap-south-1 (an SCP, say).
  emulator.addFault({ kind: 'AccessDenied', service: 'elasticache', action: 'DescribeReplicationGroups', account: ACCOUNT_A, region: 'ap-south-1' });
  // EC2 in ca-central-1 stays throttled through every retry: that region's inventory is partial.
  emulator.addFault({ kind: 'Throttling', service: 'ec2', action: 'DescribeSecurityGroups', account: ACCOUNT_A, region: 'ca-central-1' });
});
afterAll(async () => {
  await emulator?.close();
});

describe.concurrent('redis-compliance cloud-scan', () => {
  it('several regions, an assumed role and a Google project: one document with sources, platforms and locations', async () => {
    const run = await cli([
      '--aws-region', 'us-east-1', '--aws-region', 'eu-west-1',
      '--aws-role-arn', ROLE_B, '--aws-external-id', EXTERNAL_ID,
      '--gcp-project', 'phi-prod-1', '--format', 'json',
    ]);
    expect(run.stderr).not.toMatch(/^error:/m);
    const doc = JSON.parse(run.stdout) as Doc & { tool: { name: string }; scannedAt: string };
    expect(doc.tool.name).toBe('redis-compliance');
    expect(doc.sources.map((s) => [s.provider, s.account ?? s.project, s.region ?? null, s.status])).toEqual(
      expect.arrayContaining([
        ['aws', ACCOUNT_A, 'us-east-1', 'ok'],
        ['aws', ACCOUNT_A, 'eu-west-1', 'ok'],
        ['aws', ACCOUNT_B, 'us-east-1', 'ok'],
        ['aws', ACCOUNT_B, 'eu-west-1', 'ok'],
        ['gcp', 'phi-prod-1', null, 'ok'],
      ]),
    );
    expect(doc.sources).toHaveLength(5);
    expect(new Set(doc.targets.map((t) => t.platform))).toEqual(new Set(['ec', 'ecs', 'ms']));
    expect(target(doc, 'a-use1-rg-0')).toMatchObject({
      provider: 'aws', account: ACCOUNT_A, region: 'us-east-1', status: 'ok',
      arn: `arn:aws:elasticache:us-east-1:${ACCOUNT_A}:replicationgroup:a-use1-rg-0`,
    });
    expect(target(doc, 'b-use1-rg-0')).toMatchObject({ account: ACCOUNT_B, region: 'us-east-1' });
    expect(target(doc, 'a-use1-sl-0')).toMatchObject({ platform: 'ecs', provider: 'aws' });
    expect(target(doc, 'a-use1-cc-0')).toMatchObject({ platform: 'ec' });
    expect(target(doc, 'projects/phi-prod-1/locations/us-central1/instances/sessions')).toMatchObject({ platform: 'ms', provider: 'gcp', project: 'phi-prod-1', location: 'us-central1' });
    // Every well-known scanner passes `preferred`; RED-TLS-002 must not.
    expect(result(target(doc, 'rg-preferred'), 'RED-TLS-002')).toMatchObject({ status: 'fail', severity: 'critical', reason: expect.stringMatching(/preferred/) });
    expect(result(target(doc, 'rg-preferred'), 'RED-TLS-001')?.status).toBe('pass');
    expect(result(target(doc, 'a-use1-rg-0'), 'RED-TLS-002')?.status).toBe('pass');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(SECRET_A);
  });

  it('a denied region: its source is in error, its resources not assessed, exit 2', async () => {
    const run = await cli(['--aws-region', 'us-east-1', '--aws-region', 'ap-south-1', '--format', 'json']);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as Doc;
    const denied = doc.sources.find((s) => s.region === 'ap-south-1')!;
    expect(denied).toMatchObject({ provider: 'aws', account: ACCOUNT_A, status: 'error' });
    expect(denied.errors).toEqual([expect.objectContaining({ api: 'elasticache:DescribeReplicationGroups', code: 'AccessDenied' })]);
    const listed = target(doc, 'cc-denied-region');
    expect(listed).toMatchObject({ status: 'error', error: expect.stringMatching(/AccessDenied/) });
    expect(listed.results.filter((r) => r.status === 'pass' || r.status === 'fail')).toEqual([]);
    expect(result(listed, 'RED-TLS-001')).toMatchObject({ status: 'not_assessable', reason: expect.stringMatching(/not assessed: aws 111111111111 ap-south-1/) });
    expect(doc.sources.find((s) => s.region === 'us-east-1')?.status).toBe('ok');
    expect(run.stderr).toContain('[aws 111111111111 ap-south-1] error');
  });

  it('a partial source (EC2 throttled): resources assessed, missing facts error, exit 2', async () => {
    const run = await cli(['--aws-region', 'ca-central-1', '--format', 'json']);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.sources).toEqual([expect.objectContaining({ region: 'ca-central-1', status: 'partial', errors: [expect.objectContaining({ api: 'ec2:DescribeSecurityGroups', code: 'RequestLimitExceeded' })] })]);
    const group = target(doc, 'a-cac1-rg-0');
    expect(group.status).toBe('ok');
    expect(result(group, 'RED-NET-001')?.status).toBe('error');
    expect(result(group, 'RED-TLS-001')?.status).toBe('pass');
  });

  it('a role that cannot be assumed (wrong ExternalId): account-wide source in error, exit 2', async () => {
    const run = await cli(['--aws-region', 'us-east-1', '--aws-role-arn', ROLE_B, '--aws-external-id', 'not-the-id', '--aws-skip-base-account', '--format', 'json']);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.sources).toEqual([expect.objectContaining({ account: ACCOUNT_B, region: '*', status: 'error', errors: [expect.objectContaining({ api: 'sts:AssumeRole', code: 'AccessDenied' })] })]);
    expect(doc.targets).toEqual([]);
  });

  it('a named profile and an empty region: clean sources, nothing failed, exit 0; table format', async () => {
    writeFileSync(path.join(work, 'aws-credentials'), `[audit]\naws_access_key_id = ${KEY_A}\naws_secret_access_key = ${SECRET_A}\n`);
    const run = await cli(['--aws-profile', 'audit', '--aws-region', 'sa-east-1'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/SOURCES\n {2}aws 111111111111 sa-east-1 +OK +0 resource\(s\) via base credentials/);
  });

  it('--fail-on critical still exits 1 on the preferred group (RED-TLS-002 is critical)', async () => {
    const run = await cli(['--aws-region', 'eu-west-1', '--fail-on', 'critical']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/RED-TLS-002 +fail +critical/);
  });

  it.each([
    [[], /nothing to scan/],
    [['--aws-external-id', 'x'], /must follow the --aws-role-arn/],
    [['--aws-role-arn', ROLE_B, '--aws-external-id', 'a', '--aws-external-id', 'b'], /already has an ExternalId/],
    [['--aws-region', 'us_east'], /aws\.regions\.0: must be an AWS region name/],
    [['--aws-role-arn', 'arn:aws:iam::12:role/x'], /aws\.roles\.0\.arn: must be an IAM role ARN/],
    [['--gcp-project', 'Bad_Project'], /gcp\.projects\.0: must be a Google Cloud project id/],
    [['--config', '/nonexistent/cloud.yaml'], /cannot read \/nonexistent\/cloud\.yaml/],
  ])('usage error %j exits 2 with a message', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('a config file with collector settings and thresholds; flags are merged over it', async () => {
    const config = path.join(work, 'cloud.yaml');
    writeFileSync(config, 'aws:\n  regions: [sa-east-1]\n  disabledApis: [DescribeRouteTables]\nthresholds:\n  backupRetentionMinDays: 35\n');
    const run = await cli(['--config', config, '--aws-region', 'us-east-1', '--format', 'json']);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.sources.map((s) => s.region)).toEqual(['us-east-1']);
    const group = target(doc, 'a-use1-rg-0');
    expect(result(group, 'RED-BAK-001')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/≥ 35/) });
    expect(result(group, 'RED-NET-002')).toMatchObject({ status: 'not_assessable', reason: expect.stringMatching(/switched off/) });
    const bad = path.join(work, 'bad.yaml');
    writeFileSync(bad, 'aws:\n  regionz: [us-east-1]\nthresholds:\n  backupRetentionMinDay: 3\n');
    const rejected = await cli(['--config', bad]);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/backupRetentionMinDay/);
  });
});
