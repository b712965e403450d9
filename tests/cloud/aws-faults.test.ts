// Faults at the emulator, seen through the real SDK clients: the failing scope becomes a source with
// the provider's code, its facts carry the outcome, and every other region still completes.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectCloud } from '@/lib/cloud/collect';
import type { CloudEmulator } from '../emulators/server';
import { buildRegion } from '../emulators/fixtures';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  EXTERNAL_ID_B,
  KEY_A,
  ROLE_B,
  baseAwsConfig,
  ec,
  ecs,
  regionOf,
  resetEmulator,
  sourceFor,
  startTwoAccountEmulator,
  value,
} from './helpers';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
let emulator: CloudEmulator;

beforeAll(async () => {
  emulator = await startTwoAccountEmulator();
  emulator.aws.accounts[ACCOUNT_A] = {
    regions: Object.fromEntries(REGIONS.map((region) => [region, buildRegion(ACCOUNT_A, region, { replicationGroups: 4, standalone: 1, serverless: 2 })])),
    enabledRegions: ['eu-west-1', 'us-east-1'],
  };
  emulator.aws.accounts[ACCOUNT_B] = { regions: { 'us-east-1': buildRegion(ACCOUNT_B, 'us-east-1', { replicationGroups: 1, standalone: 0, serverless: 0 }, 'b') } };
});
beforeEach(() => {
  resetEmulator(emulator);
  emulator.aws.accessKeys[KEY_A] = { account: ACCOUNT_A };
});
afterAll(() => emulator.close());

const collectA = (extra: Record<string, unknown> = {}) => collectCloud({ aws: { ...baseAwsConfig(emulator, REGIONS), ...extra } });
const okRegions = (result: Awaited<ReturnType<typeof collectA>>) =>
  result.sources.filter((source) => source.status === 'ok').map((source) => source.region).sort();

describe('throttling', () => {
  it('absorbs throttling with the SDK retry and completes the region', async () => {
    emulator.addFault({ kind: 'Throttling', region: 'eu-west-1', action: 'DescribeCacheClusters', times: 2 });
    const result = await collectA();
    expect(sourceFor(result, ACCOUNT_A, 'eu-west-1')).toMatchObject({ status: 'ok', errors: [], resourceCount: 7 });
    expect(emulator.count({ region: 'eu-west-1', action: 'DescribeCacheClusters', status: 400 })).toBe(2);
    expect(emulator.count({ region: 'eu-west-1', action: 'DescribeCacheClusters', status: 200 })).toBe(1);
    expect(value(ec(result, 'eu-west-1-rg-3').members).clusters).toHaveLength(2);
  });

  it('turns permanent throttling into an error source after maxAttempts, and keeps what the other calls listed', async () => {
    emulator.addFault({ kind: 'Throttling', region: 'eu-west-1', action: 'DescribeReplicationGroups' });
    const result = await collectA({ maxAttempts: 2 });
    const source = sourceFor(result, ACCOUNT_A, 'eu-west-1');
    expect(source.status).toBe('error');
    expect(source.errors).toEqual([
      { api: 'elasticache:DescribeReplicationGroups', code: 'Throttling', message: expect.stringContaining('Rate exceeded'), count: 1 },
    ]);
    expect(emulator.count({ region: 'eu-west-1', action: 'DescribeReplicationGroups' })).toBe(2);
    // Standalone clusters and serverless caches were listed; group members are not passed off as standalone.
    expect(result.resources.filter((r) => regionOf(r) === 'eu-west-1').map((r) => r.resourceId).sort()).toEqual([
      'eu-west-1-cc-0',
      'eu-west-1-sl-0',
      'eu-west-1-sl-1',
    ]);
    expect(okRegions(result)).toEqual(['ap-southeast-2', 'us-east-1']);
  });
});

describe('permissions and credentials', () => {
  it('reports a region denied by IAM as an error source with no resources while the others complete', async () => {
    emulator.addFault({ kind: 'AccessDenied', region: 'ap-southeast-2', service: 'elasticache' });
    const result = await collectA();
    const source = sourceFor(result, ACCOUNT_A, 'ap-southeast-2');
    expect(source.status).toBe('error');
    expect(source.resourceCount).toBe(0);
    expect(source.errors.map((error) => [error.api, error.code])).toEqual([
      ['elasticache:DescribeReplicationGroups', 'AccessDenied'],
      ['elasticache:DescribeCacheClusters', 'AccessDenied'],
      ['elasticache:DescribeServerlessCaches', 'AccessDenied'],
    ]);
    expect(okRegions(result)).toEqual(['eu-west-1', 'us-east-1']);
    expect(result.resources.filter((r) => regionOf(r) !== 'ap-southeast-2')).toHaveLength(14);
  });

  it('marks the caches of a region where only DescribeCacheClusters is denied: members not assessable, source error', async () => {
    emulator.addFault({ kind: 'AccessDenied', region: 'us-east-1', action: 'DescribeCacheClusters' });
    const result = await collectA();
    expect(sourceFor(result, ACCOUNT_A, 'us-east-1').status).toBe('error');
    const facts = ec(result, 'us-east-1-rg-0');
    expect(value(facts.settings).TransitEncryptionMode).toBe('required');
    for (const fact of [facts.members, facts.securityGroups, facts.subnetGroups, facts.parameters]) {
      expect(fact).toMatchObject({ ok: false, outcome: 'noperm', reason: expect.stringContaining('AccessDenied') });
    }
    // The port still comes from the group's primary endpoint.
    expect(value(facts.port)).toBe(6379);
  });

  it('makes EC2 denied a partial source: only the network facts are missing', async () => {
    emulator.addFault({ kind: 'AccessDenied', region: 'us-east-1', service: 'ec2' });
    const result = await collectA();
    const source = sourceFor(result, ACCOUNT_A, 'us-east-1');
    expect(source.status).toBe('partial');
    expect(source.errors.map((error) => [error.api, error.code])).toEqual([
      ['ec2:DescribeSecurityGroups', 'UnauthorizedOperation'],
      ['ec2:DescribeSubnets', 'UnauthorizedOperation'],
      ['ec2:DescribeRouteTables', 'UnauthorizedOperation'],
    ]);
    const facts = ec(result, 'us-east-1-rg-0');
    expect(facts.securityGroups).toMatchObject({ ok: false, outcome: 'noperm', source: 'ec2:DescribeSecurityGroups' });
    expect(facts.routes).toMatchObject({ ok: false, outcome: 'noperm' });
    expect(ecs(result, 'us-east-1-sl-0').securityGroups).toMatchObject({ ok: false, outcome: 'noperm' });
    expect(value(facts.userGroups).groups).toHaveLength(1);
    expect(value(facts.parameters)).toHaveLength(1);
  });

  it('reports expired base credentials once, account-wide, before any region is read', async () => {
    emulator.aws.accessKeys[KEY_A] = { account: ACCOUNT_A, expired: true };
    const result = await collectA();
    expect(result.resources).toEqual([]);
    expect(result.sources).toEqual([
      {
        provider: 'aws',
        account: 'unknown',
        region: '*',
        status: 'error',
        errors: [{ api: 'sts:GetCallerIdentity', code: 'ExpiredToken', message: expect.any(String), count: 1 }],
        via: 'base credentials',
        resourceCount: 0,
      },
    ]);
    expect(emulator.count({ service: 'elasticache' })).toBe(0);
  });

  it('reports a role whose ExternalId does not match as an error for that account only', async () => {
    const result = await collectCloud({
      aws: { ...baseAwsConfig(emulator, ['us-east-1']), roles: [{ arn: ROLE_B, externalId: 'wrong-id' }] },
    });
    expect(sourceFor(result, ACCOUNT_B, '*')).toMatchObject({
      status: 'error',
      via: ROLE_B,
      errors: [{ api: 'sts:AssumeRole', code: 'AccessDenied' }],
    });
    expect(sourceFor(result, ACCOUNT_A, 'us-east-1').status).toBe('ok');
  });

  it('scans only the role accounts with skipBaseAccount', async () => {
    const result = await collectCloud({
      aws: { ...baseAwsConfig(emulator, ['us-east-1']), roles: [{ arn: ROLE_B, externalId: EXTERNAL_ID_B }], skipBaseAccount: true },
    });
    expect(result.sources.map((source) => [source.account, source.status])).toEqual([[ACCOUNT_B, 'ok']]);
    expect(emulator.count({ account: ACCOUNT_A, service: 'elasticache' })).toBe(0);
  });
});

describe('regions', () => {
  it('scans the regions DescribeRegions reports as enabled when none are configured', async () => {
    const result = await collectCloud({ aws: { accessKeyId: KEY_A, secretAccessKey: 'x', endpoint: emulator.url } });
    expect(result.sources.map((source) => source.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(emulator.count({ action: 'DescribeRegions' })).toBe(1);
  });

  it('explains how to go on when DescribeRegions is denied', async () => {
    emulator.addFault({ kind: 'AccessDenied', action: 'DescribeRegions' });
    const result = await collectCloud({ aws: { accessKeyId: KEY_A, secretAccessKey: 'x', endpoint: emulator.url } });
    expect(result.sources).toHaveLength(1);
    expect(result.sources[0]).toMatchObject({ account: ACCOUNT_A, region: '*', status: 'error' });
    expect(result.sources[0].errors[0]).toMatchObject({ api: 'ec2:DescribeRegions', code: 'UnauthorizedOperation' });
    expect(result.sources[0].errors[0].message).toContain('aws.regions');
  });
});

describe('broken responses', () => {
  it('reports a malformed XML body as unparseable, with the parser’s reason', async () => {
    emulator.addFault({ kind: 'malformed', region: 'eu-west-1', action: 'DescribeServerlessCaches' });
    const result = await collectA();
    const source = sourceFor(result, ACCOUNT_A, 'eu-west-1');
    expect(source.status).toBe('error');
    expect(source.errors).toEqual([
      { api: 'elasticache:DescribeServerlessCaches', code: 'Unparseable', message: expect.stringMatching(/XML parse error/), count: 1 },
    ]);
    expect(okRegions(result)).toEqual(['ap-southeast-2', 'us-east-1']);
  });

  it('reports persistent 500s after retries and a call that outlasts the timeout', async () => {
    emulator.addFault({ kind: 'InternalError', region: 'eu-west-1', action: 'DescribeUsers' });
    emulator.addFault({ kind: 'latency', region: 'us-east-1', action: 'DescribeSnapshots', latencyMs: 1_500 });
    const result = await collectA({ maxAttempts: 2, requestTimeoutMs: 400 });
    expect(sourceFor(result, ACCOUNT_A, 'eu-west-1')).toMatchObject({
      status: 'partial',
      errors: [{ api: 'elasticache:DescribeUsers', code: 'InternalFailure' }],
    });
    expect(ec(result, 'eu-west-1-rg-0').userGroups).toMatchObject({ ok: false, outcome: 'refused' });
    expect(emulator.count({ region: 'eu-west-1', action: 'DescribeUsers' })).toBe(2);
    expect(ec(result, 'us-east-1-rg-0').snapshots).toMatchObject({ ok: false, outcome: 'timeout' });
    expect(sourceFor(result, ACCOUNT_A, 'us-east-1').status).toBe('partial');
  });
});

describe('optional APIs', () => {
  it('leaves only the parameter fact missing when DescribeCacheParameters is denied', async () => {
    emulator.addFault({ kind: 'AccessDenied', action: 'DescribeCacheParameters' });
    const result = await collectA({ regions: ['us-east-1'] });
    const facts = ec(result, 'us-east-1-rg-0');
    expect(facts.parameters).toMatchObject({ ok: false, outcome: 'noperm' });
    expect(value(facts.members).clusters).toHaveLength(2);
    expect(sourceFor(result, ACCOUNT_A, 'us-east-1')).toMatchObject({
      status: 'partial',
      errors: [{ api: 'elasticache:DescribeCacheParameters', code: 'AccessDenied', count: 2 }],
    });
  });

  it('does not call an optional API switched off in the configuration and says so in the fact', async () => {
    const result = await collectA({ regions: ['us-east-1'], disabledApis: ['DescribeCacheParameters', 'DescribeRouteTables'] });
    expect(emulator.count({ action: 'DescribeCacheParameters' })).toBe(0);
    expect(emulator.count({ action: 'DescribeRouteTables' })).toBe(0);
    expect(ec(result, 'us-east-1-rg-0').parameters).toMatchObject({ ok: false, outcome: 'disabled' });
    expect(ecs(result, 'us-east-1-sl-0').routes).toMatchObject({ ok: false, outcome: 'disabled' });
    expect(sourceFor(result, ACCOUNT_A, 'us-east-1')).toMatchObject({ status: 'ok', errors: [] });
  });
});

describe('endpoint override', () => {
  it('honours AWS_ENDPOINT_URL when no endpoint is configured', async () => {
    process.env.AWS_ENDPOINT_URL = emulator.url;
    try {
      const result = await collectCloud({ aws: { accessKeyId: KEY_A, secretAccessKey: 'x', regions: ['us-east-1'] } });
      expect(sourceFor(result, ACCOUNT_A, 'us-east-1')).toMatchObject({ status: 'ok', resourceCount: 7 });
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});
