// The automated drill through the app's functions on a real database: a real server is scanned, its
// real RDB is restored into a sandbox and compared with the scanned key counts; the drill record
// then decides RED-PRC-001 on the next scan. The production server is never contacted by the drill.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { db } from '@/lib/db/client';
import { saveDrillSchedule } from '@/lib/drills/drill-schedule';
import { runAutomatedDrill } from '@/lib/drills/run-automated-drill';
import { runDueDrills } from '@/lib/drills/run-due-drills';
import { connectSandbox, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let sandbox: StartedSandbox;
let live: Redis;
let work: string;
let rdb: string;
let orgId: string;
let instanceId: string;
let engineer: { id: string; email: string; organizationId: string };

const scan = () => startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
const schedule = (extra: Record<string, unknown> = {}) =>
  saveDrillSchedule(engineer, { instanceId, backupKind: 'rdb', backupPath: rdb, everyDays: '30', keyCountTolerancePercent: '0', enabled: 'on', ...extra });
const latestResult = (controlId: string) => db().controlResult.findFirstOrThrow({ where: { instanceId, controlId }, orderBy: { evaluatedAt: 'desc' } });
const connectionsReceived = async () => Number(/total_connections_received:(\d+)/.exec(await live.info('stats'))![1]);

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  const user = await createUserWithPassword(orgId, 'engineer', 'a-long-test-passphrase');
  engineer = { id: user.id, email: user.email, organizationId: orgId };
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-db-'));
  sandbox = await startSandbox('insecureDefaults');
  live = connectSandbox(sandbox);
  for (let i = 0; i < 40; i++) await live.set(`app:item:${i}`, `v${i}`);
  await live.select(2);
  for (let i = 0; i < 5; i++) await live.set(`queue:${i}`, 'x');
  await live.select(0);
  await live.save();
  rdb = path.join(work, 'dump-backup.rdb');
  fs.copyFileSync(path.join(sandbox.dir, 'dump.rdb'), rdb);
  const { instance } = await saveSelfTarget(null, { organizationId: orgId, name: 'drilled-cache', config: { url: sandbox.url }, secrets: {} });
  instanceId = instance.id;
  await scan();
}, 60_000);

afterAll(async () => {
  live?.disconnect();
  await sandbox?.stop();
  fs.rmSync(work, { recursive: true, force: true });
  await tdb?.drop();
});

describe('automated restore drill', () => {
  it('refuses a schedule whose backup the app cannot read, naming the field', async () => {
    expect(await schedule({ backupPath: path.join(work, 'nope.rdb') })).toMatchObject({ ok: false, error: expect.stringMatching(/^backupPath: the app cannot read/) });
    expect(await schedule({ backupPath: 'relative/dump.rdb' })).toMatchObject({ ok: false, error: expect.stringMatching(/^backupPath: use an absolute path/) });
    expect(await schedule({ everyDays: '0' })).toMatchObject({ ok: false, error: expect.stringMatching(/^everyDays: at least 1/) });
  });

  it('without a drill RED-PRC-001 fails for lack of evidence', async () => {
    expect(await latestResult('RED-PRC-001')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/no restore drill on file/) });
  });

  it('restores the real RDB, matches the scanned key counts and records a passing drill', async () => {
    expect(await schedule()).toEqual({ ok: true });
    const before = await connectionsReceived();
    const outcome = await runAutomatedDrill(engineer, instanceId);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, result: 'pass', reasons: [] });
    expect(await connectionsReceived(), 'the drill never connects to the production server').toBe(before);
    const drill = await db().backupDrill.findFirstOrThrow({ where: { instanceId } });
    expect(drill).toMatchObject({
      automated: true,
      backupKind: 'rdb',
      backupRef: rdb,
      result: 'pass',
      expectedKeys: 45,
      restoredKeys: 45,
      integrityMethod: 'key_count',
      integrityPassed: true,
      restoreEnvironment: 'drill-sandbox',
      performedById: engineer.id,
      backupSha256: createHash('sha256').update(fs.readFileSync(rdb)).digest('hex'),
      backupSize: fs.statSync(rdb).size,
      rtoTargetSeconds: 240 * 60,
      rpoTargetSeconds: 1440 * 60,
    });
    expect(drill.rtoSeconds).toBeGreaterThanOrEqual(1);
    expect(drill.rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(drill.snapshotTakenAt!.getTime()).toBeLessThanOrEqual(drill.startedAt.getTime());
    expect((drill.details as { comparisons: unknown[] }).comparisons).toEqual([
      { db: 0, expected: 40, restored: 40, withinTolerance: true },
      { db: 2, expected: 5, restored: 5, withinTolerance: true },
    ]);
    const sched = await db().drillSchedule.findUniqueOrThrow({ where: { instanceId } });
    expect(sched.lastRunAt).toEqual(drill.startedAt);
    expect(sched.nextRunAt!.getTime() - drill.startedAt.getTime()).toBe(30 * 86_400_000);
    const audit = await db().auditLogEntry.findFirstOrThrow({ where: { action: 'drill.run', targetId: drill.id } });
    expect(audit.actorId).toBe(engineer.id);
  }, 60_000);

  it('lets the next scan pass RED-PRC-001 on that drill', async () => {
    await scan();
    const result = await latestResult('RED-PRC-001');
    const drill = await db().backupDrill.findFirstOrThrow({ where: { instanceId } });
    expect(result.status, result.reason ?? '').toBe('pass');
    expect(result.evidenceRefs).toContain(`records/drill/${drill.id}`);
  }, 60_000);

  it('fails when the live key count moved past the tolerance, and passes within it', async () => {
    await live.set('app:item:new', 'v');
    await scan();
    const strict = await runAutomatedDrill(engineer, instanceId);
    expect(strict).toMatchObject({ ok: true, result: 'fail', reasons: ['db0: restored 40 keys, expected 41'] });
    expect(await schedule({ keyCountTolerancePercent: '5' })).toEqual({ ok: true });
    expect(await runAutomatedDrill(engineer, instanceId)).toMatchObject({ ok: true, result: 'pass' });
  }, 60_000);

  it('records a failed drill with the reason when the backup is corrupt', async () => {
    const corrupt = path.join(work, 'corrupt.rdb');
    const bytes = fs.readFileSync(rdb);
    fs.writeFileSync(corrupt, bytes.subarray(0, bytes.length - 40));
    expect(await schedule({ backupPath: corrupt })).toEqual({ ok: true });
    const outcome = await runAutomatedDrill(engineer, instanceId);
    expect(outcome).toMatchObject({ ok: true, result: 'fail' });
    const drill = await db().backupDrill.findFirstOrThrow({ where: { instanceId }, orderBy: { startedAt: 'desc' } });
    expect(drill).toMatchObject({ result: 'fail', finishedAt: null, rtoSeconds: null, integrityPassed: false });
    expect(drill.reason).toMatch(/could not load the backup/);
    await scan();
    expect(await latestResult('RED-PRC-001')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/the last drill failed: redis-server could not load the backup/) });
  }, 60_000);

  it('runs a due schedule once, even when two processes look at the same time', async () => {
    expect(await schedule({ keyCountTolerancePercent: '5' })).toEqual({ ok: true });
    await db().drillSchedule.update({ where: { instanceId }, data: { nextRunAt: new Date(Date.now() - 60_000) } });
    const before = await db().backupDrill.count({ where: { instanceId } });
    const [a, b] = await Promise.all([runDueDrills(), runDueDrills()]);
    expect([...a, ...b]).toEqual([{ instanceId, result: 'pass' }]);
    expect(await db().backupDrill.count({ where: { instanceId } })).toBe(before + 1);
    expect(await runDueDrills()).toEqual([]);
    const latest = await db().backupDrill.findFirstOrThrow({ where: { instanceId }, orderBy: { startedAt: 'desc' } });
    expect(latest.performedById).toBeNull();
  }, 60_000);

  it('only drills instances of the caller organisation', async () => {
    const other = await createOrganization();
    const stranger = await createUserWithPassword(other.id, 'engineer', 'a-long-test-passphrase');
    expect(await runAutomatedDrill({ id: stranger.id, email: stranger.email, organizationId: other.id }, instanceId)).toMatchObject({ ok: false, error: /No such instance/ });
  });
});
