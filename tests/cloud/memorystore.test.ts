// The real @google-cloud/redis client (google-gax REST) against the emulator: pagination over all
// locations, int and string enums, ADC through the metadata server, service-account JWTs, our own
// 429 retry, and failures as sources.

import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectCloud } from '@/lib/cloud/collect';
import { createPki } from '@/lib/redis-sandbox/pki';
import { startCloudEmulator, type CloudEmulator } from '../emulators/server';
import { memorystoreInstance } from '../emulators/fixtures';
import { ms, resetEmulator, value } from './helpers';

const SA_EMAIL = 'scanner@phi-prod-1.iam.gserviceaccount.com';
const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const { publicKey, privateKey } = keyPair();
const keyJson = (email: string, pem: string) =>
  JSON.stringify({ type: 'service_account', project_id: 'phi-prod-1', private_key_id: 'k1', client_email: email, private_key: pem });

let emulator: CloudEmulator;
let pkiDir: string;
let caPem: string;

beforeAll(async () => {
  emulator = await startCloudEmulator();
  emulator.gcp.serviceAccounts[SA_EMAIL] = publicKey;
  pkiDir = await mkdtemp(path.join(tmpdir(), 'ms-ca-'));
  caPem = await readFile((await createPki(pkiDir)).caFile, 'utf8');
  const locations = ['us-central1', 'europe-west4', 'us-east4'];
  const many = Array.from({ length: 250 }, (_, index) => memorystoreInstance('phi-prod-1', locations[index % 3], `redis-${index}`));
  many[1] = memorystoreInstance('phi-prod-1', 'europe-west4', 'redis-1', {
    tier: 'BASIC',
    transitEncryptionMode: 'DISABLED',
    authEnabled: undefined,
    connectMode: 'DIRECT_PEERING',
    authorizedNetwork: 'projects/phi-prod-1/global/networks/default',
    persistenceConfig: { persistenceMode: 'DISABLED' },
    maintenancePolicy: undefined,
    replicaCount: 0,
    alternativeLocationId: undefined,
  });
  many[2] = memorystoreInstance('phi-prod-1', 'us-east4', 'redis-2', {
    customerManagedKey: 'projects/phi-prod-1/locations/us-east4/keyRings/r/cryptoKeys/k',
    serverCaCerts: [
      { serialNumber: '0', cert: caPem, createTime: '2024-01-01T00:00:00Z', expireTime: '2034-01-01T00:00:00Z', sha1Fingerprint: 'ab12' },
    ],
    readReplicasMode: 'READ_REPLICAS_ENABLED',
    readEndpoint: '10.0.0.4',
    readEndpointPort: 6378,
  });
  emulator.gcp.projects['phi-prod-1'] = { instances: many };
  emulator.gcp.projects['phi-dev-22'] = { instances: [memorystoreInstance('phi-dev-22', 'us-central1', 'dev-0')], unreachable: ['asia-east1'] };
});
beforeEach(() => {
  resetEmulator(emulator);
  emulator.gcp.maxPageSize = 100;
  emulator.gcp.enumEncoding = 'request';
});
afterAll(async () => {
  await emulator.close();
  await rm(pkiDir, { recursive: true, force: true });
});

const withKey = (projects: string[], extra: Record<string, unknown> = {}) =>
  collectCloud({ gcp: { projects, credentialsJson: keyJson(SA_EMAIL, privateKey), endpoint: emulator.url, ...extra } }, { gcpRetryBaseDelayMs: 5 });
const name = (id: string, location: string, project = 'phi-prod-1') => `projects/${project}/locations/${location}/instances/${id}`;

describe('listing', () => {
  it('lists every instance of every location over all pages with a service-account key', async () => {
    const result = await withKey(['phi-prod-1']);
    expect(result.sources).toEqual([
      {
        provider: 'gcp',
        account: 'phi-prod-1',
        region: '*',
        status: 'ok',
        errors: [],
        via: `service account ${SA_EMAIL}`,
        resourceCount: 250,
      },
    ]);
    expect(emulator.count({ action: 'ListInstances', status: 200 })).toBe(3);
    expect(new Set(result.resources.map((r) => r.resourceId)).size).toBe(250);
    expect(ms(result, name('redis-249', 'us-central1'))).toMatchObject({ project: 'phi-prod-1', location: 'us-central1', platform: 'ms' });
  });

  it('maps int-encoded enums (the client asks for them) and string enums to the same v1 names', async () => {
    const pick = (result: Awaited<ReturnType<typeof withKey>>) =>
      ['redis-0', 'redis-1'].map((id, index) => {
        const instance = value(ms(result, name(id, index === 0 ? 'us-central1' : 'europe-west4')).instance);
        return [instance.transitEncryptionMode, instance.tier, instance.connectMode, instance.persistenceConfig?.persistenceMode, instance.state];
      });
    const asInts = pick(await withKey(['phi-prod-1']));
    expect(emulator.count({ note: 'int-enums' })).toBe(3);
    emulator.gcp.enumEncoding = 'string';
    const asStrings = pick(await withKey(['phi-prod-1']));
    expect(emulator.count({ note: 'string-enums' })).toBe(3);
    expect(asInts).toEqual([
      ['SERVER_AUTHENTICATION', 'STANDARD_HA', 'PRIVATE_SERVICE_ACCESS', 'RDB', 'READY'],
      ['DISABLED', 'BASIC', 'DIRECT_PEERING', 'DISABLED', 'READY'],
    ]);
    expect(asStrings).toEqual(asInts);
  });

  it('records the fields the controls read, with authEnabled absent read as false', async () => {
    const result = await withKey(['phi-prod-1']);
    const secure = value(ms(result, name('redis-0', 'us-central1')).instance);
    expect(secure).toMatchObject({
      authEnabled: true,
      redisVersion: 'REDIS_7_0',
      authorizedNetwork: 'projects/phi-prod-1/global/networks/phi-vpc',
      reservedIpRange: '10.0.0.0/29',
      host: '10.0.0.3',
      port: 6378,
      locationId: 'us-central1-a',
      alternativeLocationId: 'us-central1-b',
      replicaCount: 1,
      labels: { env: 'prod', 'data-class': 'phi' },
      persistenceConfig: { persistenceMode: 'RDB', rdbSnapshotPeriod: 'TWELVE_HOURS', rdbNextSnapshotTime: '2025-06-02T00:00:00.000Z' },
      maintenancePolicy: { weeklyMaintenanceWindow: [{ day: 'SUNDAY', startTime: { hours: 6, minutes: 0 }, duration: '3600s' }] },
      customerManagedKey: null,
      createTime: '2024-05-01T12:00:00.123Z',
    });
    const weak = value(ms(result, name('redis-1', 'europe-west4')).instance);
    expect(weak).toMatchObject({
      authEnabled: false,
      maintenancePolicy: null,
      alternativeLocationId: null,
      replicaCount: 0,
      authorizedNetwork: 'projects/phi-prod-1/global/networks/default',
    });
  });

  it('keeps the server CA’s expiry and fingerprint, and its notAfter read from the PEM', async () => {
    const result = await withKey(['phi-prod-1']);
    const instance = value(ms(result, name('redis-2', 'us-east4')).instance);
    expect(instance.serverCaCerts).toEqual([
      {
        serialNumber: '0',
        createTime: '2024-01-01T00:00:00.000Z',
        expireTime: '2034-01-01T00:00:00.000Z',
        sha1Fingerprint: 'ab12',
        certNotAfter: new Date(new X509Certificate(caPem).validTo).toISOString(),
        cert: caPem,
      },
    ]);
    expect(instance).toMatchObject({
      customerManagedKey: 'projects/phi-prod-1/locations/us-east4/keyRings/r/cryptoKeys/k',
      readReplicasMode: 'READ_REPLICAS_ENABLED',
      readEndpoint: '10.0.0.4',
      readEndpointPort: 6378,
    });
    expect(ms(result, name('redis-2', 'us-east4')).kmsKey).toMatchObject({ ok: false, outcome: 'not_collected' });
  });

  it('never asks for an instance AUTH string', async () => {
    await withKey(['phi-prod-1', 'phi-dev-22']);
    expect(emulator.calls.length).toBeGreaterThan(0);
    expect(emulator.count({ action: 'GetInstanceAuthString' })).toBe(0);
  });
});

describe('failures', () => {
  it('retries 429 itself (google-gax REST does not) and completes', async () => {
    emulator.addFault({ kind: 'RESOURCE_EXHAUSTED', service: 'memorystore', times: 2 });
    const result = await withKey(['phi-prod-1']);
    expect(result.sources[0]).toMatchObject({ status: 'ok', resourceCount: 250 });
    expect(emulator.count({ action: 'ListInstances', status: 429 })).toBe(2);
  });

  it('turns permanent 429 into an error source after maxAttempts', async () => {
    emulator.addFault({ kind: 'RESOURCE_EXHAUSTED', service: 'memorystore', project: 'phi-prod-1' });
    const result = await withKey(['phi-prod-1'], { maxAttempts: 3 });
    expect(result.sources[0]).toMatchObject({
      status: 'error',
      errors: [{ api: 'redis.instances.list', code: 'RESOURCE_EXHAUSTED', message: expect.stringContaining('Quota exceeded') }],
    });
    expect(emulator.count({ action: 'ListInstances', status: 429 })).toBe(3);
  });

  it('reports a denied project and an unreachable location as error sources, keeping what was listed', async () => {
    const result = await withKey(['phi-prod-1', 'phi-dev-22', 'phi-other-9']);
    const byProject = Object.fromEntries(result.sources.map((source) => [source.account, source]));
    expect(byProject['phi-prod-1'].status).toBe('ok');
    expect(byProject['phi-other-9']).toMatchObject({ status: 'error', errors: [{ code: 'PERMISSION_DENIED' }], resourceCount: 0 });
    expect(byProject['phi-dev-22']).toMatchObject({
      status: 'error',
      errors: [{ code: 'UNREACHABLE', message: 'location asia-east1 could not be reached' }],
      resourceCount: 1,
    });
  });

  it('reports a key Google does not accept as unauthenticated', async () => {
    const result = await collectCloud({
      gcp: { projects: ['phi-prod-1'], credentialsJson: keyJson('intruder@phi-prod-1.iam.gserviceaccount.com', keyPair().privateKey), endpoint: emulator.url },
    });
    expect(result.sources[0]).toMatchObject({ status: 'error', errors: [{ code: 'UNAUTHENTICATED' }] });
  });

  it('reports a malformed JSON body as unparseable', async () => {
    emulator.addFault({ kind: 'malformed', service: 'memorystore' });
    const result = await withKey(['phi-prod-1']);
    expect(result.sources[0]).toMatchObject({ status: 'error', errors: [{ code: 'Unparseable' }] });
  });
});

describe('Application Default Credentials and the endpoint variable', () => {
  it('gets an access token from the metadata server and reads the endpoint from GOOGLE_CLOUD_REDIS_ENDPOINT', async () => {
    const saved = { ...process.env };
    process.env.GCE_METADATA_HOST = emulator.host;
    // No detection ping (3 s limit a loaded machine can miss); the token itself still comes from the emulator.
    process.env.METADATA_SERVER_DETECTION = 'assume-present';
    process.env.GOOGLE_CLOUD_REDIS_ENDPOINT = emulator.url;
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    try {
      const result = await collectCloud({ gcp: { projects: ['phi-dev-22'] } });
      expect(result.sources[0]).toMatchObject({ via: 'application default credentials', resourceCount: 1 });
      expect(emulator.count({ service: 'metadata', action: '/computeMetadata/v1/instance/service-accounts/default/token' })).toBe(1);
      expect(emulator.count({ action: 'ListInstances', status: 200 })).toBe(1);
    } finally {
      process.env = saved;
    }
  });
});
