// The embedded path (no QUEUE_REDIS_URL): schedules fire into the in-process runner, one scan per
// instance at a time, and a run a crash left half-done is resumed — or marked failed once its
// attempts are used up — with no lost and no duplicated findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import type { ActingUser } from '@/lib/findings/acting-user';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { nextRunAt } from '@/lib/scheduler/cron';
import { fireSchedule } from '@/lib/scheduler/fire-schedule';
import { localRunner } from '@/lib/scheduler/local-runner';
import { listSchedulesPage, schedulesQuerySchema } from '@/lib/scheduler/list-schedules';
import { createSchedule, runScheduleNow } from '@/lib/scheduler/manage-schedules';
import { recoverStuckRuns } from '@/lib/scheduler/recover-runs';
import { leaseKeys } from '@/lib/scheduler/run-scan-job';
import { MAX_RUN_ATTEMPTS } from '@/lib/scheduler/settings';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { createStaff } from '../findings/support';
import { findingsIntegrity, latestFails, startTargets } from './support';

let tdb: TestDatabase;
let orgId: string;
let engineer: ActingUser;
let targets: Awaited<ReturnType<typeof startTargets>>;

beforeAll(async () => {
  delete process.env.QUEUE_REDIS_URL;
  process.env.SCAN_LEASE_MS = '2000';
  process.env.SCAN_BUSY_RETRY_MS = '200';
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  engineer = await createStaff(orgId, 'engineer');
  targets = await startTargets(orgId, 3);
});
afterAll(async () => {
  await targets?.stop();
  await tdb?.drop();
});

const waitForEnd = async (runId: string) => localRunner().run(runId);

describe('in-process scheduler', () => {
  it('validates schedules with a clear message', async () => {
    expect(await createSchedule(engineer, { name: 'bad', cron: '0 3 * *', timezone: 'UTC', targetType: 'all' })).toMatchObject({ ok: false, error: expect.stringMatching(/^cron: a schedule has 5 fields/) });
    expect(await createSchedule(engineer, { name: 'bad', cron: '0 3 * * *', timezone: 'Mars/Olympus', targetType: 'all' })).toMatchObject({ ok: false, error: expect.stringMatching(/^timezone: unknown time zone/) });
    expect(await createSchedule(engineer, { name: 'bad', cron: '0 3 * * *', targetType: 'tag', targetRef: 'tier' })).toMatchObject({ ok: false, error: expect.stringMatching(/key=value/) });
    expect(await createSchedule(engineer, { name: 'bad', cron: '0 3 * * *', targetType: 'instance', targetRef: 'nope' })).toMatchObject({ ok: false, error: expect.stringMatching(/no such instance/) });
  });

  it('locks a run\'s instances, and a cloud run\'s connection too', () => {
    expect(leaseKeys({ instanceIds: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(leaseKeys({ connectionId: 'c1', instanceIds: ['a'] })).toEqual(['a', 'connection:c1']);
    expect(leaseKeys({ connectionId: 'c1' })).toEqual(['connection:c1']);
  });

  it('computes the next run in the schedule time zone', () => {
    // 03:00 in Chicago is 09:00 UTC in January (CST) and 08:00 UTC in July (CDT).
    expect(nextRunAt('0 3 * * *', 'America/Chicago', new Date('2026-01-15T12:00:00Z'))).toEqual(new Date('2026-01-16T09:00:00Z'));
    expect(nextRunAt('0 3 * * *', 'America/Chicago', new Date('2026-07-15T12:00:00Z'))).toEqual(new Date('2026-07-16T08:00:00Z'));
  });

  it('fires a tag schedule once per firing and scans its instances into findings', async () => {
    const created = await createSchedule(engineer, { name: 'even nightly', cron: '30 2 * * *', timezone: 'Europe/Berlin', targetType: 'tag', targetRef: 'tier=even' });
    if (!created.ok) throw new Error(created.error);
    const runId = await fireSchedule(created.scheduleId, '2026-05-01T00:30:00.000Z');
    expect(runId).toBeTruthy();
    expect(await fireSchedule(created.scheduleId, '2026-05-01T00:30:00.000Z')).toBe(runId);
    await waitForEnd(runId!);
    const run = await db().scanRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'schedule', scheduleId: created.scheduleId, attempts: 1 });
    expect((run.scope as { instanceIds: string[] }).instanceIds.sort()).toEqual([targets.instanceIds[0], targets.instanceIds[2]].sort());
    const {
      rows: [row],
    } = await listSchedulesPage(orgId, schedulesQuerySchema.parse({}));
    expect(row).toMatchObject({ name: 'even nightly', target: 'tag tier=even', lastRun: { id: runId, status: 'succeeded' } });
    expect(row.lastRun!.durationMs).toBeGreaterThanOrEqual(0);
    // insecureDefaults fails (no auth, plaintext): findings exist exactly for the failing results.
    const integrity = await findingsIntegrity(orgId);
    expect(integrity.findings).toBeGreaterThan(0);
    expect(new Set((await db().finding.findMany({ where: { organizationId: orgId } })).map((f) => `${f.instanceId}|${f.controlId}`))).toEqual(await latestFails([targets.instanceIds[0], targets.instanceIds[2]]));
  });

  it('never scans one instance in two runs at once', async () => {
    const [a, b] = await Promise.all([
      startScanRun(null, { organizationId: orgId, instanceIds: targets.instanceIds, trigger: 'manual' }),
      startScanRun(null, { organizationId: orgId, instanceIds: [targets.instanceIds[1]], trigger: 'manual' }),
    ]);
    await Promise.all([waitForEnd(a.id), waitForEnd(b.id)]);
    const spans = await Promise.all(
      [a.id, b.id].map(async (runId) => {
        const snapshot = await db().factsSnapshot.findFirstOrThrow({ where: { scanRunId: runId, instanceId: targets.instanceIds[1] } });
        const result = await db().controlResult.findFirstOrThrow({ where: { snapshotId: snapshot.id } });
        return { start: snapshot.collectedAt.getTime(), end: result.evaluatedAt.getTime() };
      }),
    );
    const [first, second] = spans.sort((x, y) => x.start - y.start);
    expect(second.start).toBeGreaterThanOrEqual(first.end);
    expect(await db().instanceScanLease.count()).toBe(0);
  });

  it('scans a cloud connection as a whole: the run names the connection', async () => {
    const connection = await db().connection.create({ data: { organizationId: orgId, kind: 'aws', name: 'prod-account', config: {} } });
    const created = await createSchedule(engineer, { name: 'aws nightly', cron: '0 4 * * *', targetType: 'connection', targetRef: connection.id });
    if (!created.ok) throw new Error(created.error);
    const runId = await fireSchedule(created.scheduleId, 'cloud-1');
    const run = await db().scanRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run.scope).toEqual({ connectionId: connection.id, instanceIds: [] });
    expect(run).toMatchObject({ status: 'queued', progressTotal: 1 });
    await db().scanRun.delete({ where: { id: run.id } });
  });

  it('runs a schedule by hand', async () => {
    const created = await createSchedule(engineer, { name: 'one instance', cron: '0 * * * *', targetType: 'instance', targetRef: targets.instanceIds[1] });
    if (!created.ok) throw new Error(created.error);
    const started = await runScheduleNow(engineer, created.scheduleId);
    if (!started.ok || !started.runId) throw new Error('not started');
    await waitForEnd(started.runId);
    expect(await db().scanRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({ status: 'succeeded', trigger: 'manual', requestedById: engineer.id });
  });

  it('resumes a run a crash left half-done: the stored instance is not scanned again, nothing is lost or doubled', async () => {
    const run = await startScanRun(null, { organizationId: orgId, instanceIds: targets.instanceIds, trigger: 'manual' });
    await waitForEnd(run.id);
    // Make it look like the process died after storing target-0 and target-1: target-2's transaction
    // never committed, the run is still "running", its heartbeat long gone, its leases stale.
    const lost = targets.instanceIds[2];
    await db().factsSnapshot.deleteMany({ where: { scanRunId: run.id, instanceId: lost } });
    await db().controlResult.deleteMany({ where: { scanRunId: run.id, instanceId: lost } });
    const old = new Date(Date.now() - 60_000);
    await db().scanRun.update({ where: { id: run.id }, data: { status: 'running', finishedAt: null, heartbeatAt: old, progressDone: 2 } });
    await db().instanceScanLease.createMany({ data: targets.instanceIds.map((instanceId) => ({ instanceId, runId: run.id, holder: 'app:dead:1', expiresAt: old })) });
    const before = await findingsIntegrity(orgId);

    const recovered = await recoverStuckRuns((runId) => void localRunner().run(runId));
    expect(recovered).toEqual({ resumed: [run.id], failed: [] });
    await waitForEnd(run.id);

    const after = await db().scanRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: 'succeeded', progressDone: 3, attempts: 2 });
    for (const instanceId of targets.instanceIds) expect(await db().factsSnapshot.count({ where: { scanRunId: run.id, instanceId } }), instanceId).toBe(1);
    const integrity = await findingsIntegrity(orgId);
    expect(integrity.distinct).toBe(integrity.findings);
    expect(integrity.detectedEvents.every((n) => n === 1)).toBe(true);
    expect(integrity.findings).toBe(before.findings);
    expect(new Set((await db().finding.findMany({ where: { organizationId: orgId, state: { not: 'resolved' } } })).map((f) => `${f.instanceId}|${f.controlId}`))).toEqual(await latestFails(targets.instanceIds));
  });

  it('marks a run failed when it was interrupted more often than its attempts allow', async () => {
    const run = await startScanRun(null, { organizationId: orgId, instanceIds: [targets.instanceIds[0]], trigger: 'manual' });
    await waitForEnd(run.id);
    await db().controlResult.deleteMany({ where: { scanRunId: run.id } });
    await db().scanRun.update({ where: { id: run.id }, data: { status: 'running', finishedAt: null, heartbeatAt: new Date(Date.now() - 60_000), attempts: MAX_RUN_ATTEMPTS } });
    expect(await recoverStuckRuns(() => undefined)).toEqual({ resumed: [], failed: [run.id] });
    const failed = await db().scanRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed.status).toBe('failed');
    expect(failed.errors).toEqual([{ instanceId: targets.instanceIds[0], error: expect.stringMatching(/^not scanned: the run was interrupted 3 times/) }]);
  });
});
