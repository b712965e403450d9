// The app's scan run with the keyspace audit: per-instance policy overrides merged over the
// organisation's, live "keys scanned of DBSIZE" on the run while an instance is audited, and a
// clear error for an invalid override. Real server, real database (TEST_DATABASE_ENGINE picks it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { db } from '@/lib/db/client';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { connectSandbox, seedPhiProblems, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { scanRunProgress, type ScanRunProgress } from '@/lib/scan-runs/scan-run-progress';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { overridesText, saveThresholdOverrides } from '@/lib/instances/save-threshold-overrides';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { seedBulk } from './seed';

let tdb: TestDatabase;
let sandbox: StartedSandbox;
let orgId: string;
let instanceId: string;
const BULK = 6000;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  sandbox = await startSandbox('phiProblems');
  await seedPhiProblems(sandbox);
  const admin = connectSandbox(sandbox);
  await seedBulk(admin, BULK, 0);
  admin.disconnect();
  const { instance } = await saveSelfTarget(null, {
    organizationId: orgId,
    name: 'patient-cache',
    config: { url: sandbox.url, user: sandbox.scanner!.name },
    secrets: { password: sandbox.scanner!.password },
  });
  instanceId = instance.id;
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  await tdb?.drop();
});

async function latestKeyspace() {
  const snapshot = await db().factsSnapshot.findFirstOrThrow({ where: { instanceId }, orderBy: { collectedAt: 'desc' } });
  const facts = snapshot.facts as unknown as SelfHostedFacts;
  if (!facts.keyspace.ok) throw new Error(`keyspace missing: ${facts.keyspace.reason}`);
  return facts.keyspace.value;
}

describe('scan run with the keyspace audit', () => {
  it('applies the instance policy override and shows keyspace progress while auditing', async () => {
    await db().instance.update({
      where: { id: instanceId },
      data: {
        thresholdOverrides: {
          keyspaceMaxOpsPerSec: 3000,
          keyClasses: [{ name: 'patient', patterns: ['patient:*'], ttlRequired: true, maxTtlSeconds: 300, phiAdjacent: true }],
        },
      },
    });
    const run = await startScanRun(null, { organizationId: orgId, trigger: 'manual' });
    const polls: ScanRunProgress[] = [];
    for (let i = 0; i < 600; i++) {
      const p = (await scanRunProgress(orgId, run.id))!;
      polls.push(p);
      if (['succeeded', 'partial', 'failed'].includes(p.status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const final = polls.at(-1)!;
    expect(final.status).toBe('succeeded');
    expect(final.keyspace).toEqual([]);
    const live = polls.flatMap((p) => p.keyspace);
    expect(live.length).toBeGreaterThan(0);
    expect(live[0]).toMatchObject({ instanceId, name: 'patient-cache', keysTotal: BULK + 100 });
    for (const entry of live) expect(entry.keysScanned).toBeLessThan(entry.keysTotal);

    const audit = await latestKeyspace();
    expect(audit.settings?.maxOpsPerSec).toBe(3000);
    expect(audit.classes.map((c) => c.name)).toEqual(['patient']);
    expect(audit.classes[0]).toMatchObject({ keys: 20, keysWithoutTtl: 20 });
    expect(audit.values.enabled).toBe(false);
    const data001 = await db().controlResult.findFirstOrThrow({ where: { scanRunId: run.id, controlId: 'RED-DATA-001' } });
    expect(data001).toMatchObject({ status: 'fail', reason: expect.stringContaining('patient: 20 key(s) without expiry') });
  }, 60_000);

  it('reads sampled values only when the policy opts in, and keeps no value in the stored evidence', async () => {
    await db().instance.update({
      where: { id: instanceId },
      data: { thresholdOverrides: { keyspaceReadValues: true, valueSampleRate: 1, valueSampleMax: 200 } },
    });
    const run = await startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
    expect((await scanRunProgress(orgId, run.id))!.status).toBe('succeeded');
    const audit = await latestKeyspace();
    expect(audit.values.enabled).toBe(true);
    expect(audit.values.sampled).toBeGreaterThan(0);
    expect(audit.commandsSent.getrange).toBeGreaterThan(0);
    // seedPhiProblems writes SSNs and MRNs into patient:* and phi:* values.
    expect(audit.values.hits.map((h) => h.detector)).toEqual(expect.arrayContaining(['ssn', 'mrn']));
    const data003 = await db().controlResult.findFirstOrThrow({ where: { scanRunId: run.id, controlId: 'RED-DATA-003' } });
    expect(data003.status).toBe('fail');
    expect(data003.reason).not.toMatch(/not enabled/);
    const stored = JSON.stringify((await db().factsSnapshot.findFirstOrThrow({ where: { instanceId }, orderBy: { collectedAt: 'desc' } })).facts);
    for (const leak of ['100-10-1000', '105-15-1005', 'MRN 7000', '@example.org', 'hypertension']) expect(stored).not.toContain(leak);
  }, 60_000);

  it('an invalid instance override fails that instance with a message naming the key', async () => {
    await db().instance.update({ where: { id: instanceId }, data: { thresholdOverrides: { keyspaceMaxOpsPerSec: -1 } } });
    const run = await startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
    const progress = (await scanRunProgress(orgId, run.id))!;
    expect(progress.status).toBe('failed');
    expect(progress.errors).toEqual([{ instance: 'patient-cache', error: expect.stringMatching(/instance threshold overrides: keyspaceMaxOpsPerSec/) }]);
  }, 60_000);
});

describe('instance policy form (domain)', () => {
  const actor = () => ({ id: 'officer-1', email: 'officer@example.test', organizationId: orgId });

  it('rejects bad text naming what is wrong, saves valid YAML, clears with empty text', async () => {
    expect(await saveThresholdOverrides(actor(), instanceId, 'keyClasses: [')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid YAML or JSON/) });
    expect(await saveThresholdOverrides(actor(), instanceId, 'keyspaceMaxOpsPerSecond: 10')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown key "keyspaceMaxOpsPerSecond"/),
    });
    expect(await saveThresholdOverrides(actor(), instanceId, 'backupMaxAgeHours: 1')).toMatchObject({ ok: false, error: expect.stringMatching(/unknown key "backupMaxAgeHours"/) });
    const yaml = 'keyspaceTimeBudgetSeconds: 30\nkeyClasses:\n  - { name: session, patterns: ["session:*"], ttlRequired: true, maxTtlSeconds: 900, phiAdjacent: true }\n';
    expect(await saveThresholdOverrides(actor(), instanceId, yaml)).toMatchObject({ ok: true, message: expect.stringContaining('keyspaceTimeBudgetSeconds, keyClasses') });
    const stored = await db().instance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(stored.thresholdOverrides).toMatchObject({ keyspaceTimeBudgetSeconds: 30, keyClasses: [{ name: 'session', maxTtlSeconds: 900 }] });
    expect(overridesText(stored.thresholdOverrides)).toContain('keyspaceTimeBudgetSeconds: 30');
    expect(await saveThresholdOverrides(actor(), instanceId, '  ')).toMatchObject({ ok: true, message: expect.stringContaining('Cleared') });
    expect(overridesText((await db().instance.findUniqueOrThrow({ where: { id: instanceId } })).thresholdOverrides)).toBe('');
    const audit = await db().auditLogEntry.findMany({ where: { action: 'instance.thresholds.update' } });
    expect(audit.map((a) => a.detail)).toEqual([{ keys: ['keyspaceTimeBudgetSeconds', 'keyClasses'] }, { keys: [] }]);
  });

  it('refuses an instance of another organisation', async () => {
    expect(await saveThresholdOverrides({ ...actor(), organizationId: 'other-org' }, instanceId, 'keyspaceMaxOpsPerSec: 5')).toEqual({ ok: false, error: 'No such instance in your organisation.' });
  });
});
