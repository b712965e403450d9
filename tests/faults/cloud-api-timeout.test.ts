// Fault: a cloud API that accepts the request and never answers (the emulator's `hang` fault),
// seen through the real SDK clients. Each call ends at its timeout and is retried; the scope fails
// with a reason that says so; every other region and project is still collected and stored; "Test
// connection" names the timeout.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectCloud } from '@/lib/cloud/collect';
import { addCloudConnection } from '@/lib/cloud-scans/add-cloud-connection';
import { describeSources } from '@/lib/cloud-scans/explain-source-error';
import { testCloudConnection } from '@/lib/cloud-scans/test-cloud-connection';
import { db } from '@/lib/db/client';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { buildRegion, memorystoreInstance, serviceAccountKey } from '../emulators/fixtures';
import { startCloudEmulator, type CloudEmulator } from '../emulators/server';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The app's per-call API timeout (30 s by default), short enough for a test.
process.env.CLOUD_API_TIMEOUT_MS = '3000';

const ACCOUNT = '666666666666';
const KEY = 'AKIAFAULTS0000000001';
const SECRET = 'faults-secret-key-never-stored-in-clear';
const SA = 'scanner@phi-ok-1.iam.gserviceaccount.com';
const { publicKey, keyJson } = serviceAccountKey(SA, 'phi-ok-1');
const TIMED_OUT = /the API did not answer in time, on every attempt/;

let emulator: CloudEmulator;
let tdb: TestDatabase;
let orgId: string;
const actor = () => ({ organizationId: orgId, email: 'engineer@example.test' });

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization('cloud-faults')).id;
  emulator = await startCloudEmulator();
  emulator.aws.accessKeys[KEY] = { account: ACCOUNT };
  emulator.aws.accounts[ACCOUNT] = {
    regions: {
      'us-east-1': buildRegion(ACCOUNT, 'us-east-1', { replicationGroups: 1, standalone: 1, serverless: 1 }, 'use'),
      'eu-west-1': buildRegion(ACCOUNT, 'eu-west-1', { replicationGroups: 1, standalone: 0, serverless: 0 }, 'euw'),
    },
  };
  emulator.gcp.serviceAccounts[SA] = publicKey;
  emulator.gcp.projects['phi-ok-1'] = { instances: [memorystoreInstance('phi-ok-1', 'us-central1', 'sessions')] };
  emulator.gcp.projects['phi-hung-2'] = { instances: [memorystoreInstance('phi-hung-2', 'us-central1', 'labs')] };
});
beforeEach(() => emulator.clearFaults());
afterAll(async () => {
  await emulator?.close();
  await tdb?.drop();
  delete process.env.CLOUD_API_TIMEOUT_MS;
});

describe('collector (lib/cloud)', () => {
  it('times out and retries a hanging call, fails only that scope, and collects the rest', async () => {
    emulator.addFault({ kind: 'hang', region: 'eu-west-1', action: 'DescribeReplicationGroups' });
    emulator.addFault({ kind: 'hang', project: 'phi-hung-2' });
    const result = await collectCloud(
      {
        aws: { accessKeyId: KEY, secretAccessKey: SECRET, regions: ['us-east-1', 'eu-west-1'], endpoint: emulator.url, requestTimeoutMs: 1000, maxAttempts: 2 },
        gcp: { projects: ['phi-ok-1', 'phi-hung-2'], credentialsJson: keyJson, endpoint: emulator.url, requestTimeoutMs: 3000, maxAttempts: 2 },
      },
      { gcpRetryBaseDelayMs: 5 },
    );
    const source = (scope: string) => result.sources.find((s) => s.region === scope || s.account === scope)!;
    expect(source('eu-west-1')).toMatchObject({
      status: 'error',
      errors: [{ api: 'elasticache:DescribeReplicationGroups', code: 'TimeoutError', message: expect.stringContaining('1000 ms'), count: 1 }],
    });
    // Both attempts reached the API and neither was answered.
    expect(emulator.count({ region: 'eu-west-1', action: 'DescribeReplicationGroups', status: 0 })).toBe(2);
    expect(source('phi-hung-2')).toMatchObject({
      status: 'error',
      errors: [{ api: 'redis.instances.list', code: 'DEADLINE_EXCEEDED', message: 'no answer within 3000 ms', count: 1 }],
    });
    expect(source('us-east-1')).toMatchObject({ status: 'ok', resourceCount: 3 });
    expect(source('phi-ok-1')).toMatchObject({ status: 'ok', resourceCount: 1 });
    expect(result.resources.map((r) => r.resourceId)).toEqual(expect.arrayContaining(['use-rg-0', 'use-cc-0', 'use-sl-0', 'projects/phi-ok-1/locations/us-central1/instances/sessions']));
    expect(describeSources(result.sources)).toMatch(new RegExp(`aws ${ACCOUNT} eu-west-1 error: ${TIMED_OUT.source}.*TimeoutError`));
  });
});

describe('app (lib/cloud-scans)', () => {
  it('keeps what earlier scans took, stores the regions that answered, and names the timeout', async () => {
    const added = await addCloudConnection(actor(), 'aws', { name: 'aws-faults', auth: 'keys', accessKeyId: KEY, secretAccessKey: SECRET, regions: 'us-east-1, eu-west-1', endpoint: emulator.url });
    if (!added.ok) throw new Error(added.error);
    const scan = async () => {
      const run = await startScanRun(actor(), { organizationId: orgId, connectionId: added.connectionId, trigger: 'manual' }, { wait: true });
      return db().scanRun.findUniqueOrThrow({ where: { id: run.id } });
    };
    expect((await scan()).status).toBe('succeeded');
    const euGroup = await db().instance.findFirstOrThrow({ where: { connectionId: added.connectionId, name: 'euw-rg-0' } });
    const taken = await db().controlResult.count({ where: { instanceId: euGroup.id } });

    emulator.addFault({ kind: 'hang', region: 'eu-west-1', service: 'elasticache' });
    const run = await scan();
    expect(run.status).toBe('partial');
    expect(run.errors).toEqual([{ instanceId: `aws ${ACCOUNT} eu-west-1`, error: expect.stringMatching(TIMED_OUT) }]);
    // The hung region's cache is kept (not gone), not assessed this time, and its earlier results stay.
    expect(await db().instance.findUniqueOrThrow({ where: { id: euGroup.id } })).toMatchObject({ goneAt: null });
    const now = await db().controlResult.findMany({ where: { instanceId: euGroup.id, scanRunId: run.id } });
    expect(now.filter((r) => r.status === 'pass' || r.status === 'fail')).toEqual([]);
    expect(await db().controlResult.count({ where: { instanceId: euGroup.id } })).toBe(taken + now.length);
    // The region that answered is stored in full.
    const usGroup = await db().instance.findFirstOrThrow({ where: { connectionId: added.connectionId, name: 'use-rg-0' } });
    expect(await db().controlResult.count({ where: { instanceId: usGroup.id, scanRunId: run.id, status: { in: ['pass', 'fail'] } } })).toBeGreaterThan(0);

    // "Test connection" reads the first region: hung, it says so and keeps the reason on the connection.
    emulator.addFault({ kind: 'hang', region: 'us-east-1', service: 'elasticache' });
    const tested = await testCloudConnection(actor(), added.connectionId);
    expect(tested).toMatchObject({ ok: false, status: 'error', summary: expect.stringMatching(TIMED_OUT) });
    expect(await db().connection.findUniqueOrThrow({ where: { id: added.connectionId } })).toMatchObject({ lastTestStatus: 'error', lastTestReason: expect.stringMatching(TIMED_OUT) });
  });

  it('tells a hanging Google project apart from one that answered in "Test connection"', async () => {
    emulator.addFault({ kind: 'hang', project: 'phi-hung-2' });
    const added = await addCloudConnection(actor(), 'gcp', { name: 'gcp-faults', auth: 'key', projects: 'phi-ok-1 phi-hung-2', credentialsJson: keyJson, endpoint: emulator.url });
    if (!added.ok) throw new Error(added.error);
    const tested = await testCloudConnection(actor(), added.connectionId);
    expect(tested.status).toBe('error');
    expect(tested.summary).toMatch(new RegExp(`^gcp phi-hung-2 error: ${TIMED_OUT.source}.*DEADLINE_EXCEEDED: no answer within 3000 ms`));
    expect(tested.summary).not.toContain('phi-ok-1');
  });
});
