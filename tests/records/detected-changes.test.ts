// RED-PRC-006 end to end on a real server: a watched setting changed between two scans is stored as
// a detected change; within the grace period it is pending, after it the control fails until a
// change approval covers it; a change put back is closed as reverted.
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { db } from '@/lib/db/client';
import { createProcessRecord } from '@/lib/records/create-process-record';
import { connectSandbox, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let sandbox: StartedSandbox;
let admin: Redis;
let orgId: string;
let instanceId: string;

const DAY = 86_400_000;
const scan = () => startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
const prc006 = () => db().controlResult.findFirstOrThrow({ where: { instanceId, controlId: 'RED-PRC-006' }, orderBy: { evaluatedAt: 'desc' } });
const changes = () => db().configChange.findMany({ where: { instanceId }, orderBy: { detectedAt: 'asc' } });

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  sandbox = await startSandbox('insecureDefaults');
  admin = connectSandbox(sandbox);
  const { instance } = await saveSelfTarget(null, { organizationId: orgId, name: 'changing-cache', config: { url: sandbox.url }, secrets: {} });
  instanceId = instance.id;
  await scan();
}, 60_000);

afterAll(async () => {
  admin?.disconnect();
  await sandbox?.stop();
  await tdb?.drop();
});

describe('configuration changes (RED-PRC-006)', () => {
  it('has no baseline on the first scan', async () => {
    expect(await prc006()).toMatchObject({ status: 'not_assessable', reason: expect.stringMatching(/no baseline/) });
  });

  it('stores a change of a watched setting and keeps it pending within the grace period', async () => {
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await scan();
    expect(await changes()).toEqual([expect.objectContaining({ field: 'config maxmemory-policy', before: 'noeviction', after: 'allkeys-lru', revertedAt: null })]);
    await scan();
    expect(await changes()).toHaveLength(1);
    const result = await prc006();
    expect(result.status).toBe('pass');
    expect((result.observed as { pending: { field: string }[] }).pending.map((p) => p.field)).toEqual(['config maxmemory-policy']);
  }, 60_000);

  it('fails once the grace period is over, and passes when a change approval covers it', async () => {
    const [change] = await changes();
    const detectedAt = new Date(Date.now() - 10 * DAY);
    await db().configChange.update({ where: { id: change.id }, data: { detectedAt } });
    await scan();
    expect(await prc006()).toMatchObject({ status: 'fail', reason: expect.stringMatching(/config maxmemory-policy noeviction → allkeys-lru/) });

    const officer = await createUserWithPassword(orgId, 'officer', 'a-long-test-passphrase');
    const window = (offsetHours: number) => new Date(detectedAt.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 16);
    const approval = await createProcessRecord(
      { id: officer.id, email: officer.email, organizationId: orgId },
      { kind: 'change_approval', scopeType: 'instance', scopeId: instanceId, title: 'CHG-42 eviction policy', approvedAt: detectedAt.toISOString().slice(0, 10), windowStart: window(-2), windowEnd: window(-1), changedFields: 'maxmemory-policy', ticket: 'CHG-42' },
      null,
    );
    expect(approval.ok).toBe(true);
    await scan();
    const result = await prc006();
    expect(result.status).toBe('pass');
    expect(result.evidenceRefs).toContain(`records/change/${approval.ok ? approval.recordId : ''}`);
  }, 60_000);

  it('closes a change that was put back as reverted', async () => {
    await admin.config('SET', 'timeout', '120');
    await scan();
    await admin.config('SET', 'timeout', '0');
    await scan();
    const timeout = (await changes()).filter((c) => c.field === 'config timeout');
    expect(timeout).toHaveLength(1);
    expect(timeout[0].revertedAt).not.toBeNull();
  }, 60_000);
});
