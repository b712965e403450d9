// Fault: the queue Redis (QUEUE_REDIS_URL) is down — nothing listening, or killed while a worker
// runs a scan. Starting a scan or "Run now" fails at once with a message naming the queue, and the
// run is marked failed with that reason (never left queued); a run already in a worker's hands
// finishes and keeps its results; when the Redis is back, the same worker takes new runs again.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import type { ActingUser } from '@/lib/findings/acting-user';
import { findFreePort } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { bullConnection, closeScanQueue, JOB_SCAN_RUN, QUEUE_NAME, scanQueue } from '@/lib/scheduler/bull-queue';
import { createSchedule, runScheduleNow } from '@/lib/scheduler/manage-schedules';
import { FINISHED_RUN_STATUSES } from '@/lib/scheduler/settings';
import { createStaff } from '../findings/support';
import { startTargets } from '../scheduler/support';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const ROOT = path.resolve(__dirname, '..', '..');
const QUEUE_DOWN = /^The scan queue \(Redis at redis:\/\/127\.0\.0\.1:\d+\/0\) is unavailable: .+ Try again once it is back\.$/;

let tdb: TestDatabase;
let orgId: string;
let engineer: ActingUser;
let fast: Awaited<ReturnType<typeof startTargets>>;
let slow: Awaited<ReturnType<typeof startTargets>>;
const children: ChildProcess[] = [];

/** A bare redis-server on a fixed port (no persistence): killed and started again on the same port. */
async function startQueueRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** `npm run worker` with short leases; resolves once it says it is ready. */
async function startWorker(): Promise<{ worker: ChildProcess; output: string[] }> {
  const output: string[] = [];
  const worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', SCAN_LEASE_MS: '3000', WORKER_LOCK_MS: '3000', SCAN_RETRY_BASE_MS: '500', SCHEDULER_RETRY_MS: '500', MAINTENANCE_INTERVAL_MS: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(worker);
  worker.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  worker.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  await until('the worker to be ready', async () => output.join('').includes('worker ready'));
  return { worker, output };
}

const runOf = (runId: string) => db().scanRun.findUniqueOrThrow({ where: { id: runId } });
const finished = (runId: string) => until(`run ${runId} to finish`, async () => FINISHED_RUN_STATUSES.includes((await runOf(runId)).status) && runOf(runId));
const lastRun = () => db().scanRun.findFirstOrThrow({ where: { organizationId: orgId }, orderBy: { createdAt: 'desc' } });

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
  process.env.QUEUE_TIMEOUT_MS = '1500';
  tdb = await createTestDatabase();
  // A throttled keyspace audit makes the slow target's scan last a few seconds.
  orgId = (await db().organization.create({ data: { name: 'Queue faults', slug: `queue-faults-${Date.now()}`, settings: { thresholds: { keyspaceMaxOpsPerSec: 100 } } } })).id;
  engineer = await createStaff(orgId, 'engineer');
  fast = await startTargets(orgId, 1, 20);
  slow = await startTargets(orgId, 1, 600, 'slow');
});

afterAll(async () => {
  await closeScanQueue();
  for (const child of children) await kill(child);
  await fast?.stop();
  await slow?.stop();
  delete process.env.QUEUE_REDIS_URL;
  delete process.env.QUEUE_TIMEOUT_MS;
  await tdb?.drop();
});

describe('queue Redis down', () => {
  it('nothing listening: starting a scan or "Run now" fails at once with the reason, the run is marked failed', async () => {
    process.env.QUEUE_REDIS_URL = `redis://127.0.0.1:${await findFreePort()}/0`;
    await expect(startScanRun(null, { organizationId: orgId, instanceIds: fast.instanceIds, trigger: 'manual' })).rejects.toThrow(QUEUE_DOWN);
    const run = await lastRun();
    expect(run).toMatchObject({ status: 'failed', errors: [{ instanceId: fast.instanceIds[0], error: expect.stringMatching(/^not scanned: The scan queue .* is unavailable/) }] });
    expect(run.finishedAt).not.toBeNull();

    // A schedule is saved (workers sync the queue when it is back); "Run now" fails like a scan.
    const created = await createSchedule(engineer, { name: 'nightly', cron: '0 3 * * *', timezone: 'UTC', targetType: 'instance', targetRef: fast.instanceIds[0] });
    if (!created.ok) throw new Error(created.error);
    await expect(runScheduleNow(engineer, created.scheduleId)).rejects.toThrow(QUEUE_DOWN);
    const scheduled = await db().scanRun.findFirstOrThrow({ where: { scheduleId: created.scheduleId } });
    expect(scheduled).toMatchObject({ status: 'failed', errors: [{ error: expect.stringMatching(/^not scanned: The scan queue/) }] });
    await closeScanQueue();
  });

  it('killed while a worker scans: that run still finishes with its results; new runs fail until the Redis is back, then run', async () => {
    const port = await findFreePort();
    process.env.QUEUE_REDIS_URL = `redis://127.0.0.1:${port}/0`;
    let queueRedis = await startQueueRedis(port);
    const { worker, output } = await startWorker();

    const inFlight = await startScanRun(null, { organizationId: orgId, instanceIds: slow.instanceIds, trigger: 'manual' });
    await until('the worker to start the run', async () => (await runOf(inFlight.id)).status === 'running');
    await kill(queueRedis);

    await expect(startScanRun(null, { organizationId: orgId, instanceIds: fast.instanceIds, trigger: 'manual' })).rejects.toThrow(QUEUE_DOWN);
    expect(await lastRun()).toMatchObject({ status: 'failed' });

    // The scan in the worker's hands does not need the queue to finish and store its results.
    expect(await finished(inFlight.id)).toMatchObject({ status: 'succeeded', progressDone: 1 });
    expect(await db().controlResult.count({ where: { scanRunId: inFlight.id } })).toBeGreaterThan(0);
    expect(worker.exitCode).toBeNull();

    queueRedis = await startQueueRedis(port);
    await until('the app to reconnect to the queue', () => scanQueue().getJobCounts().then(() => true, () => false));
    const afterwards = await startScanRun(null, { organizationId: orgId, instanceIds: fast.instanceIds, trigger: 'manual' });
    expect(await finished(afterwards.id)).toMatchObject({ status: 'succeeded' });
    expect(output.join('')).toMatch(/queue error/);
    expect(worker.exitCode).toBeNull();
    await kill(worker);
  });

  it('a run whose job failed while the database was down is handed back to the queue and finishes', async () => {
    await closeScanQueue();
    const port = await findFreePort();
    process.env.QUEUE_REDIS_URL = `redis://127.0.0.1:${port}/0`;
    await startQueueRedis(port);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const run = await db().scanRun.create({
      data: { organizationId: orgId, trigger: 'manual', scope: { instanceIds: fast.instanceIds }, status: 'queued', progressTotal: 1, errors: [], createdAt: hourAgo },
    });
    // Its job used its attempts while the database was down, so the run could not even be marked failed.
    await scanQueue().add(JOB_SCAN_RUN, { runId: run.id }, { jobId: `run-${run.id}`, attempts: 1 });
    const outage = new Worker(QUEUE_NAME, async () => {
      throw new Error("Can't reach database server");
    }, { connection: bullConnection(process.env.QUEUE_REDIS_URL) });
    await until('the job to fail', async () => (await scanQueue().getJob(`run-${run.id}`))?.isFailed());
    await outage.close();

    // The database is back: a worker's recovery re-queues the run (a finished job is replaced) and runs it.
    const { worker } = await startWorker();
    expect(await finished(run.id)).toMatchObject({ status: 'succeeded', progressDone: 1 });
    await kill(worker);
  });
});
