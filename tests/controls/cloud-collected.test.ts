// Cloud facts straight from collectCloud against the emulator (faults injected at the wire) into
// evaluateControls: the statuses a denied, throttled or int-encoded answer must produce.

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCloud } from '@/lib/cloud/collect';
import { CONTROL_IDS, evaluateControls, pendingControlIds } from '@/lib/controls';
import type { CloudFacts } from '@/lib/controls/context';
import type { Collected } from '@/lib/facts/common';
import { memorystoreInstance } from '../emulators/fixtures';
import { startCloudEmulator, type CloudEmulator } from '../emulators/server';
import { buildRegion } from '../emulators/fixtures';
import { cloudContext } from './cloud-fixtures';
import { missing } from './fixtures';

const ACCOUNT = '333333333333';
const KEY = 'AKIACOLLECTED0000001';
const SA = 'scanner@phi-int-1.iam.gserviceaccount.com';
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
let emulator: CloudEmulator;

beforeAll(async () => {
  emulator = await startCloudEmulator();
  emulator.aws.accessKeys[KEY] = { account: ACCOUNT };
  emulator.aws.accounts[ACCOUNT] = { regions: { 'eu-west-1': buildRegion(ACCOUNT, 'eu-west-1', { replicationGroups: 1, standalone: 0, serverless: 1 }) } };
  emulator.gcp.serviceAccounts[SA] = publicKey;
  emulator.gcp.projects['phi-int-1'] = {
    instances: [
      memorystoreInstance('phi-int-1', 'us-east4', 'tls-on'),
      memorystoreInstance('phi-int-1', 'us-east4', 'tls-off', { transitEncryptionMode: 'DISABLED', authEnabled: undefined }),
    ],
  };
});
afterAll(async () => {
  await emulator?.close();
});

const aws = () => collectCloud({ aws: { accessKeyId: KEY, secretAccessKey: 'x', regions: ['eu-west-1'], endpoint: emulator.url, maxAttempts: 1 } });
const statusOf = (facts: CloudFacts, id: string) => evaluateControls(facts, cloudContext(new Date())).find((r) => r.controlId === id);

describe('Memorystore enums as numbers (catalog §1.6)', () => {
  it('maps int-encoded transitEncryptionMode by the v1 numbers: 1 passes RED-TLS-001, 2 (DISABLED) fails it', async () => {
    emulator.gcp.enumEncoding = 'int';
    const credentialsJson = JSON.stringify({ type: 'service_account', client_email: SA, private_key: privateKey });
    const result = await collectCloud({ gcp: { projects: ['phi-int-1'], credentialsJson, endpoint: emulator.url } });
    expect(emulator.calls.some((c) => c.note === 'int-enums')).toBe(true);
    const byName = (id: string) => result.resources.find((r) => r.resourceId.endsWith(`/instances/${id}`)) as CloudFacts;
    expect(statusOf(byName('tls-on'), 'RED-TLS-001')?.status).toBe('pass');
    expect(statusOf(byName('tls-off'), 'RED-TLS-001')).toMatchObject({ status: 'fail', observed: 'DISABLED' });
    expect(statusOf(byName('tls-off'), 'RED-AUTH-001')?.status).toBe('fail');
    expect(statusOf(byName('tls-off'), 'RED-TLS-002')).toMatchObject({ status: 'not_applicable', dependsOn: 'RED-TLS-001' });
  });
});

describe('faults at the wire become error / not_assessable, never pass', () => {
  it('EC2 DescribeSecurityGroups denied: ingress and egress controls not_assessable, the rest still assessed', async () => {
    emulator.clearFaults();
    emulator.addFault({ kind: 'AccessDenied', service: 'ec2', action: 'DescribeSecurityGroups' });
    const result = await aws();
    expect(result.sources[0].status).toBe('partial');
    const group = result.resources.find((r) => r.platform === 'ec')!;
    expect(statusOf(group, 'RED-NET-001')).toMatchObject({ status: 'not_assessable', reason: expect.stringMatching(/UnauthorizedOperation/) });
    expect(statusOf(group, 'RED-NET-004')?.status).toBe('not_assessable');
    expect(statusOf(group, 'RED-TLS-001')?.status).toBe('pass');
  });

  it('DescribeUserGroups throttled after retries: RBAC controls error', async () => {
    emulator.clearFaults();
    emulator.addFault({ kind: 'Throttling', service: 'elasticache', action: 'DescribeUserGroups' });
    const result = await aws();
    const serverless = result.resources.find((r) => r.platform === 'ecs' && r.resourceId.endsWith('sl-0'))!;
    for (const id of ['RED-AUTH-002', 'RED-ACL-001', 'RED-ACL-002', 'RED-ACL-003']) expect(statusOf(serverless, id)?.status, id).toBe('error');
  });

  it('the built-in default user in a live group fails RED-AUTH-002 (as collected)', async () => {
    emulator.clearFaults();
    const result = await aws();
    const group = result.resources.find((r) => r.platform === 'ec' && r.resourceId.endsWith('rg-0'))!;
    expect(statusOf(group, 'RED-AUTH-002')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/built-in default user/) });
  });
});

/** Every collected fact replaced by the same failure. */
function everyFactMissing<F extends CloudFacts>(facts: F, outcome: 'refused' | 'noperm'): F {
  const copy = structuredClone(facts);
  for (const [key, value] of Object.entries(copy)) {
    if (value && typeof value === 'object' && typeof (value as Collected<unknown>).ok === 'boolean') (copy as unknown as Record<string, unknown>)[key] = missing(outcome);
  }
  return copy;
}

describe('evaluateControls on cloud facts', () => {
  it.each(['refused', 'noperm'] as const)('never passes — not even by platform — when every describe call failed (%s)', async (outcome) => {
    emulator.clearFaults();
    const result = await aws();
    for (const resource of result.resources) {
      const results = evaluateControls(everyFactMissing(resource, outcome), cloudContext(new Date(), { records: undefined }));
      expect(results.filter((r) => r.status === 'pass').map((r) => r.controlId), resource.resourceId).toEqual([]);
      for (const r of results) if (r.status !== 'pass') expect(r.reason, r.controlId).toBeTruthy();
    }
  });

  it('reports every catalog control except the pending ones, not_applicable for platforms a control does not cover', async () => {
    const result = await aws();
    for (const resource of result.resources) {
      const results = evaluateControls(resource, cloudContext(new Date()));
      const ids = results.map((r) => r.controlId);
      expect(ids.length + pendingControlIds(resource.platform).length, resource.platform).toBe(CONTROL_IDS.length);
      expect(results.find((r) => r.controlId === 'RED-TLS-005')?.status).toBe('not_applicable');
      expect(pendingControlIds(resource.platform).every((id) => /^RED-(PRC|ROT-002)/.test(id))).toBe(true);
    }
  });
});
