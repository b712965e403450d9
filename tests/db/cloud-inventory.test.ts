// Cloud connections through the app's own code paths against the emulator (real SDK clients):
// connections saved with sealed secrets, "Test connection" with clear reasons, and scan runs that
// keep the inventory with history (new / changed / gone, a gone resource keeps its history), store a
// facts snapshot and control results per resource through the shared storing code, and never drop
// or pass the resources of a scope that could not be enumerated.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCloudConnection } from '@/lib/cloud-scans/add-cloud-connection';
import { listCloudConnections } from '@/lib/cloud-scans/list-cloud-connections';
import { instanceHistory, inventoryFacets, listInventory } from '@/lib/cloud-scans/list-inventory';
import { testCloudConnection } from '@/lib/cloud-scans/test-cloud-connection';
import { db } from '@/lib/db/client';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { buildRegion, memorystoreInstance, replicationGroup } from '../emulators/fixtures';
import { startCloudEmulator, type CloudEmulator } from '../emulators/server';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ACCOUNT = '444444444444';
const ROLE_ACCOUNT = '555555555555';
const KEY = 'AKIAINVENTORY0000001';
const SECRET = 'inventory-secret-key-never-stored-in-clear';
const ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/redis-compliance-scanner`;
const SA = 'scanner@phi-inv-1.iam.gserviceaccount.com';
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const keyJson = JSON.stringify({ type: 'service_account', project_id: 'phi-inv-1', client_email: SA, private_key: privateKey });

let tdb: TestDatabase;
let emulator: CloudEmulator;
let orgId: string;
const actor = () => ({ organizationId: orgId, email: 'engineer@example.test' });

function estate() {
  emulator.aws.accounts[ACCOUNT] = {
    regions: {
      'us-east-1': buildRegion(ACCOUNT, 'us-east-1', { replicationGroups: 2, standalone: 1, serverless: 1 }, 'inv'),
      'eu-west-1': buildRegion(ACCOUNT, 'eu-west-1', { replicationGroups: 1, standalone: 0, serverless: 0 }, 'inv-eu'),
    },
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization('cloud-inventory')).id;
  emulator = await startCloudEmulator();
  emulator.aws.accessKeys[KEY] = { account: ACCOUNT };
  emulator.aws.roles[ROLE] = { externalId: 'ext-inv' };
  emulator.aws.accounts[ROLE_ACCOUNT] = { regions: {} };
  emulator.gcp.serviceAccounts[SA] = publicKey;
  emulator.gcp.projects['phi-inv-1'] = { instances: [memorystoreInstance('phi-inv-1', 'us-central1', 'sessions'), memorystoreInstance('phi-inv-1', 'europe-west4', 'labs', { tier: 'BASIC' })] };
  estate();
}, 60_000);
beforeEach(() => emulator.clearFaults());
afterAll(async () => {
  await emulator?.close();
  await tdb?.drop();
});

const awsForm = (name: string, extra: Record<string, string> = {}) => ({
  name,
  auth: 'keys',
  accessKeyId: KEY,
  secretAccessKey: SECRET,
  regions: 'us-east-1, eu-west-1',
  endpoint: emulator.url,
  ...extra,
});

async function scan(connectionId: string) {
  const run = await startScanRun(actor(), { organizationId: orgId, connectionId, trigger: 'manual' }, { wait: true });
  return db().scanRun.findUniqueOrThrow({ where: { id: run.id } });
}

describe('cloud connections', () => {
  it('rejects bad input naming the field and the fix; stores access keys sealed, never in config or the audit log', async () => {
    expect(await addCloudConnection(actor(), 'aws', awsForm('bad-region', { regions: 'us_east_1' }))).toEqual({ ok: false, error: expect.stringMatching(/^regions \(line\/entry 1\): must be an AWS region name/) });
    expect(await addCloudConnection(actor(), 'aws', awsForm('bad-role', { roles: 'arn:aws:iam::55:role/x' }))).toEqual({ ok: false, error: expect.stringMatching(/^roles \(line\/entry 1, role ARN\): must be an IAM role ARN/) });
    expect(await addCloudConnection(actor(), 'aws', awsForm('half-keys', { secretAccessKey: '' }))).toEqual({ ok: false, error: expect.stringMatching(/both the access key id and the secret/) });
    expect(await addCloudConnection(actor(), 'gcp', { name: 'bad-key', auth: 'key', projects: 'phi-inv-1', credentialsJson: '{not json' })).toEqual({ ok: false, error: expect.stringMatching(/service-account key: must be the JSON text/) });
    expect(await addCloudConnection(actor(), 'gcp', { name: 'bad-project', auth: 'adc', projects: 'PHI_Prod' })).toEqual({ ok: false, error: expect.stringMatching(/projects \(line\/entry 1\): must be a Google Cloud project id/) });

    const added = await addCloudConnection(actor(), 'aws', awsForm('aws-sealed'));
    expect(added.ok).toBe(true);
    const rows = await tdb.rawQuery(`SELECT config, "secretCiphertext" FROM "Connection" WHERE name = 'aws-sealed'`);
    const text = JSON.stringify(rows) + JSON.stringify(await tdb.rawQuery('SELECT detail FROM "AuditLogEntry"'));
    expect(text).not.toContain(SECRET);
    expect(text).toContain('us-east-1');
    expect(rows[0].secretCiphertext).toBeTruthy();
    const gcp = await addCloudConnection(actor(), 'gcp', { name: 'gcp-sealed', auth: 'key', projects: 'phi-inv-1', credentialsJson: keyJson, endpoint: emulator.url });
    expect(gcp.ok).toBe(true);
    const gcpText = JSON.stringify(await tdb.rawQuery(`SELECT config, "secretCiphertext" FROM "Connection" WHERE name = 'gcp-sealed'`));
    expect(gcpText).not.toContain('PRIVATE KEY');
    expect(gcpText).toContain(SA);
  });

  it('Test connection reports each scope and says what to change: bad keys, a denied role', async () => {
    const good = await addCloudConnection(actor(), 'aws', awsForm('aws-test-ok'));
    const ok = await testCloudConnection(actor(), good.ok ? good.connectionId : '');
    expect(ok).toMatchObject({ ok: true, status: 'ok' });
    expect(ok.sources.map((s) => s.region)).toEqual(['us-east-1']);
    const badKey = await addCloudConnection(actor(), 'aws', awsForm('aws-test-badkey', { accessKeyId: 'AKIAUNKNOWNKEY000001' }));
    const rejected = await testCloudConnection(actor(), badKey.ok ? badKey.connectionId : '');
    expect(rejected).toMatchObject({ ok: false, status: 'error' });
    expect(rejected.summary).toMatch(/the access key was rejected: check the access key id and the secret access key.*InvalidClientTokenId/);
    const role = await addCloudConnection(actor(), 'aws', awsForm('aws-test-role', { roles: `${ROLE} wrong-external-id`, skipBaseAccount: 'on' }));
    const denied = await testCloudConnection(actor(), role.ok ? role.connectionId : '');
    expect(denied.summary).toMatch(/the role could not be assumed.*ExternalId.*sts:AssumeRole AccessDenied/);
    const stored = await db().connection.findUniqueOrThrow({ where: { id: role.ok ? role.connectionId : '' } });
    expect(stored).toMatchObject({ lastTestStatus: 'error', lastTestReason: expect.stringMatching(/role could not be assumed/) });
    const gcp = await addCloudConnection(actor(), 'gcp', { name: 'gcp-test', auth: 'key', projects: 'phi-inv-1 phi-other-2', credentialsJson: keyJson, endpoint: emulator.url });
    const projects = await testCloudConnection(actor(), gcp.ok ? gcp.connectionId : '');
    expect(projects.summary).toMatch(/gcp phi-other-2 error: permission denied: grant roles\/redis.viewer/);
  });
});

describe('cloud scan runs', () => {
  let connectionId: string;
  const instancesOf = () => db().instance.findMany({ where: { organizationId: orgId, connectionId }, orderBy: { resourceId: 'asc' } });

  it('first scan: every resource inventoried as new, with a snapshot and results per resource', async () => {
    const added = await addCloudConnection(actor(), 'aws', awsForm('aws-scan'));
    connectionId = added.ok ? added.connectionId : '';
    const run = await scan(connectionId);
    expect(run).toMatchObject({ status: 'succeeded', errors: [] });
    const instances = await instancesOf();
    expect(instances.map((i) => [i.platform, i.name, i.region])).toEqual(
      expect.arrayContaining([
        ['ec', 'inv-rg-0', 'us-east-1'],
        ['ec', 'inv-rg-1', 'us-east-1'],
        ['ec', 'inv-cc-0', 'us-east-1'],
        ['ecs', 'inv-sl-0', 'us-east-1'],
        ['ec', 'inv-eu-rg-0', 'eu-west-1'],
      ]),
    );
    expect(instances).toHaveLength(5);
    const group = instances.find((i) => i.name === 'inv-rg-0')!;
    expect(group).toMatchObject({ provider: 'aws', account: ACCOUNT, resourceId: `arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:inv-rg-0`, engine: 'redis', engineVersion: '7.1.0' });
    expect(group.tags).toMatchObject({ Environment: 'production', DataClassification: 'PHI' });
    const changes = await db().instanceChange.findMany({ where: { instanceId: { in: instances.map((i) => i.id) } } });
    expect(changes.map((c) => c.kind)).toEqual(Array(5).fill('new'));
    const snapshot = await db().factsSnapshot.findFirstOrThrow({ where: { instanceId: group.id, scanRunId: run.id } });
    expect(snapshot.platform).toBe('ec');
    const results = await db().controlResult.findMany({ where: { instanceId: group.id, scanRunId: run.id } });
    expect(results.length).toBeGreaterThan(40);
    const tls2 = results.find((r) => r.controlId === 'RED-TLS-002')!;
    expect(tls2).toMatchObject({ status: 'pass', snapshotId: snapshot.id });
    expect(tls2.evidenceRefs).toEqual([`facts/${snapshot.id}#/settings/value/TransitEncryptionMode`, `facts/${snapshot.id}#/settings/value/PendingModifiedValues/TransitEncryptionMode`]);
    // The built-in default user in the app user group: a finding is opened.
    expect(results.find((r) => r.controlId === 'RED-AUTH-002')?.status).toBe('fail');
    expect(await db().finding.count({ where: { instanceId: group.id, controlId: 'RED-AUTH-002' } })).toBe(1);
  }, 60_000);

  it('second scan: a changed setting, a new cache and a gone one — history kept, the gone one keeps its results', async () => {
    const region = emulator.aws.accounts[ACCOUNT].regions['us-east-1']!;
    region.replicationGroups = region.replicationGroups!.filter((g) => g.ReplicationGroupId !== 'inv-rg-1');
    region.cacheClusters = region.cacheClusters!.filter((c) => c.ReplicationGroupId !== 'inv-rg-1');
    const standalone = region.cacheClusters.find((c) => c.CacheClusterId === 'inv-cc-0')!;
    standalone.EngineVersion = '7.2.4';
    const { group, clusters } = replicationGroup(ACCOUNT, 'us-east-1', 'inv-rg-new', { transitEncryptionMode: 'preferred' });
    region.replicationGroups.push(group);
    region.cacheClusters.push(...clusters);
    const gone = (await instancesOf()).find((i) => i.name === 'inv-rg-1')!;
    const resultsBefore = await db().controlResult.count({ where: { instanceId: gone.id } });

    const run = await scan(connectionId);
    expect(run.status).toBe('succeeded');
    const instances = await instancesOf();
    const byName = new Map(instances.map((i) => [i.name, i]));
    expect(byName.get('inv-rg-1')?.goneAt).toBeInstanceOf(Date);
    expect(await db().controlResult.count({ where: { instanceId: gone.id } })).toBe(resultsBefore);
    const changes = await db().instanceChange.findMany({ where: { scanRunId: run.id }, include: { instance: true } });
    const summary = changes.map((c) => [c.instance.name, c.kind]).sort();
    expect(summary).toEqual([
      ['inv-cc-0', 'changed'],
      ['inv-rg-1', 'gone'],
      ['inv-rg-new', 'new'],
    ]);
    expect(changes.find((c) => c.kind === 'changed')?.fields).toEqual([{ field: 'engineVersion', before: '7.1.0', after: '7.2.4' }]);
    const preferred = byName.get('inv-rg-new')!;
    const tls2 = await db().controlResult.findFirstOrThrow({ where: { instanceId: preferred.id, controlId: 'RED-TLS-002' } });
    expect(tls2).toMatchObject({ status: 'fail', reason: expect.stringMatching(/preferred/) });
  }, 60_000);

  it('a region that cannot be enumerated: its instances are kept (not gone) and stored as not assessed, the run is partial', async () => {
    emulator.addFault({ kind: 'AccessDenied', service: 'elasticache', action: 'DescribeReplicationGroups', account: ACCOUNT, region: 'eu-west-1' });
    const eu = (await instancesOf()).find((i) => i.name === 'inv-eu-rg-0')!;
    const run = await scan(connectionId);
    expect(run.status).toBe('partial');
    expect(run.errors).toEqual([{ instanceId: `aws ${ACCOUNT} eu-west-1`, error: expect.stringMatching(/permission missing for elasticache:DescribeReplicationGroups/) }]);
    const after = await db().instance.findUniqueOrThrow({ where: { id: eu.id } });
    expect(after.goneAt).toBeNull();
    const results = await db().controlResult.findMany({ where: { instanceId: eu.id, scanRunId: run.id } });
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => r.status === 'pass' || r.status === 'fail')).toEqual([]);
    expect(results.find((r) => r.controlId === 'RED-TLS-001')).toMatchObject({ status: 'not_assessable', snapshotId: null, reason: expect.stringMatching(/not assessed: aws 444444444444 eu-west-1/) });
    expect(await db().instanceChange.count({ where: { scanRunId: run.id, kind: 'gone' } })).toBe(0);
  }, 60_000);

  it('a Google project through a sealed service-account key: Memorystore instances with results', async () => {
    const added = await addCloudConnection(actor(), 'gcp', { name: 'gcp-scan', auth: 'key', projects: 'phi-inv-1', credentialsJson: keyJson, endpoint: emulator.url });
    const run = await scan(added.ok ? added.connectionId : '');
    expect(run.errors).toEqual([]);
    expect(run.status).toBe('succeeded');
    const instances = await db().instance.findMany({ where: { connectionId: added.ok ? added.connectionId : '' }, orderBy: { name: 'asc' } });
    expect(instances.map((i) => [i.provider, i.platform, i.name, i.account, i.region])).toEqual([
      ['gcp', 'ms', 'labs', 'phi-inv-1', 'europe-west4'],
      ['gcp', 'ms', 'sessions', 'phi-inv-1', 'us-central1'],
    ]);
    expect(instances[0].resourceId).toBe('projects/phi-inv-1/locations/europe-west4/instances/labs');
    const avl = await db().controlResult.findFirstOrThrow({ where: { instanceId: instances[0].id, controlId: 'RED-AVL-001' } });
    expect(avl.status).toBe('fail');
  }, 60_000);

  it('the inventory page data: grouped by provider/account/region, filtered, with latest statuses and history', async () => {
    const groups = await listInventory(orgId, { state: 'present' });
    expect(groups.map((g) => [g.provider, g.account, g.region])).toEqual([
      ['aws', ACCOUNT, 'eu-west-1'],
      ['aws', ACCOUNT, 'us-east-1'],
      ['gcp', 'phi-inv-1', 'europe-west4'],
      ['gcp', 'phi-inv-1', 'us-central1'],
    ]);
    const useast = groups.find((g) => g.region === 'us-east-1')!;
    expect(useast.resources.map((r) => r.name)).toEqual(['inv-cc-0', 'inv-rg-0', 'inv-rg-new', 'inv-sl-0']);
    const group = useast.resources.find((r) => r.name === 'inv-rg-0')!;
    expect(group.environment).toBe('production');
    expect(group.counts?.fail).toBeGreaterThan(0);
    expect((await listInventory(orgId, { state: 'gone' })).flatMap((g) => g.resources.map((r) => r.name))).toEqual(['inv-rg-1']);
    expect((await listInventory(orgId, { state: 'present', platform: 'ecs' })).flatMap((g) => g.resources.map((r) => r.name))).toEqual(['inv-sl-0']);
    expect((await listInventory(orgId, { state: 'all', q: 'RG-NEW' })).flatMap((g) => g.resources.map((r) => r.name))).toEqual(['inv-rg-new']);
    expect(await inventoryFacets(orgId)).toEqual({ accounts: [ACCOUNT, 'phi-inv-1'], regions: ['europe-west4', 'eu-west-1', 'us-central1', 'us-east-1'].sort() });
    const gone = (await listInventory(orgId, { state: 'gone' }))[0].resources[0];
    expect((await instanceHistory(orgId, gone.id)).map((c) => c.kind)).toEqual(['gone', 'new']);
    expect(await instanceHistory('another-org', gone.id)).toEqual([]);
    const connections = await listCloudConnections(orgId);
    const scanned = connections.find((c) => c.name === 'aws-scan')!;
    expect(scanned).toMatchObject({ kind: 'aws', scope: 'regions us-east-1, eu-west-1', credentials: 'access keys (stored encrypted)', instances: 5 });
    expect(JSON.stringify(connections)).not.toContain(SECRET);
  });
});
