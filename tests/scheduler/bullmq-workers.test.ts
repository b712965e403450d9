// The scale-out path against a real Redis (a sandbox redis-server, not the machine's 6379): two
// `npm run worker` processes share the queue; one is SIGKILLed in the middle of a run; the other
// takes the stalled job over and finishes the run. No instance is scanned twice in that run, no
// finding (or its "opened" webhook) is lost or duplicated. Schedules become BullMQ job schedulers.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import type { ActingUser } from '@/lib/findings/acting-user';
import { startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { closeScanQueue, JOB_OPTIONS, JOB_SCHEDULE_TICK, scanQueue } from '@/lib/scheduler/bull-queue';
import { createSchedule } from '@/lib/scheduler/manage-schedules';
import { FINISHED_RUN_STATUSES } from '@/lib/scheduler/settings';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { createStaff } from '../findings/support';
import { findingsIntegrity, latestFails, startTargets } from './support';

const ROOT = path.resolve(__dirname, '..', '..');

interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

let tdb: TestDatabase;
let queueRedis: StartedSandbox;
let orgId: string;
let engineer: ActingUser;
let fast: Awaited<ReturnType<typeof startTargets>>;
let slow: Awaited<ReturnType<typeof startTargets>>;
const workers: WorkerProcess[] = [];

function workerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    QUEUE_REDIS_URL: process.env.QUEUE_REDIS_URL,
    DATABASE_URL: process.env.DATABASE_URL,
    APP_DATA_DIR: process.env.APP_DATA_DIR,
    SCAN_LEASE_MS: '3000',
    WORKER_LOCK_MS: '3000',
    SCAN_BUSY_RETRY_MS: '500',
    SCAN_RETRY_BASE_MS: '500',
    SCAN_RUN_CONCURRENCY: '1',
    MAINTENANCE_INTERVAL_MS: '1000',
  };
}

async function startWorker(): Promise<WorkerProcess> {
  // `node --import tsx` (not the tsx binary, which forks a child): the pid is the worker's own.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], { cwd: ROOT, env: workerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('worker ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output.join('')}`)));
  });
  const worker = { child, output, exited };
  workers.push(worker);
  await ready;
  return worker;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}\n${workers.map((w) => w.output.join('').slice(-3000)).join('\n---\n')}`);
}

const finished = (runId: string) => until(`run ${runId} to finish`, async () => {
  const run = await db().scanRun.findUniqueOrThrow({ where: { id: runId } });
  return FINISHED_RUN_STATUSES.includes(run.status) && run;
});

beforeAll(async () => {
  queueRedis = await startSandbox('insecureDefaults');
  process.env.QUEUE_REDIS_URL = `redis://127.0.0.1:${queueRedis.port}/0`;
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
  tdb = await createTestDatabase();
  // A throttled keyspace audit makes scan time follow the key count: slow targets take seconds.
  orgId = (await db().organization.create({ data: { name: 'Scale', slug: `scale-${Date.now()}`, settings: { thresholds: { keyspaceMaxOpsPerSec: 100 } } } })).id;
  engineer = await createStaff(orgId, 'engineer');
  await db().webhookEndpoint.create({ data: { organizationId: orgId, url: 'http://127.0.0.1:1/unused', description: 'outbox count', events: ['finding.opened'], secretCiphertext: 'x', enabled: true } });
  fast = await startTargets(orgId, 3, 20);
  slow = await startTargets(orgId, 1, 600, 'slow');
});

afterAll(async () => {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await w.exited;
  }
  await closeScanQueue();
  await fast?.stop();
  await slow?.stop();
  await queueRedis?.stop();
  delete process.env.QUEUE_REDIS_URL;
  await tdb?.drop();
});

// Lease expiry and a throttled slow target take most of a minute on a busy 2-core machine.
describe('BullMQ workers', { timeout: 240_000 }, () => {
  it('finishes a run whose worker was killed mid-run, without losing or duplicating anything', async () => {
    const [a, b] = [await startWorker(), await startWorker()];
    const victimRun = await startScanRun(null, { organizationId: orgId, instanceIds: [fast.instanceIds[0], slow.instanceIds[0]], trigger: 'manual' });
    const otherRun = await startScanRun(null, { organizationId: orgId, instanceIds: [fast.instanceIds[1], fast.instanceIds[2]], trigger: 'manual' });

    // Mid-run: the fast instance is stored, the slow one is being scanned under the holder's lease.
    const holder = await until('the victim run to be half done', async () => {
      const run = await db().scanRun.findUniqueOrThrow({ where: { id: victimRun.id } });
      const lease = await db().instanceScanLease.findFirst({ where: { runId: victimRun.id } });
      return run.status === 'running' && run.progressDone === 1 && lease?.holder;
    });
    const victim = [a, b].find((w) => holder.endsWith(`:${w.child.pid}`))!;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    await victim.exited;

    const [victimEnd, otherEnd] = [await finished(victimRun.id), await finished(otherRun.id)];
    expect(otherEnd.status).toBe('succeeded');
    expect(victimEnd.status).toBe('succeeded');
    expect(victimEnd.attempts).toBe(2);
    expect(victimEnd.progressDone).toBe(2);
    for (const [runId, instanceId] of [[victimRun.id, fast.instanceIds[0]], [victimRun.id, slow.instanceIds[0]], [otherRun.id, fast.instanceIds[1]], [otherRun.id, fast.instanceIds[2]]]) {
      expect(await db().factsSnapshot.count({ where: { scanRunId: runId, instanceId } }), `${runId} ${instanceId}`).toBe(1);
    }
    const all = [...fast.instanceIds, ...slow.instanceIds];
    const integrity = await findingsIntegrity(orgId);
    expect(integrity.findings).toBeGreaterThan(0);
    expect(integrity.distinct).toBe(integrity.findings);
    expect(integrity.detectedEvents.every((n) => n === 1)).toBe(true);
    expect(new Set((await db().finding.findMany({ where: { organizationId: orgId } })).map((f) => `${f.instanceId}|${f.controlId}`))).toEqual(await latestFails(all));
    expect(await db().webhookDelivery.count({ where: { organizationId: orgId, event: 'finding.opened' } })).toBe(integrity.findings);
    expect(await db().instanceScanLease.count()).toBe(0);
  });

  it('keeps schedules as BullMQ job schedulers and runs a schedule tick once', async () => {
    const created = await createSchedule(engineer, { name: 'odd hourly', cron: '15 * * * *', timezone: 'Asia/Tokyo', targetType: 'tag', targetRef: 'tier=odd' });
    if (!created.ok) throw new Error(created.error);
    const schedulers = await scanQueue().getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz }))).toContainEqual({ key: `schedule-${created.scheduleId}`, pattern: '15 * * * *', tz: 'Asia/Tokyo' });

    const job = await scanQueue().add(JOB_SCHEDULE_TICK, { scheduleId: created.scheduleId }, JOB_OPTIONS);
    const run = await until('the schedule run', () => db().scanRun.findFirst({ where: { scheduleId: created.scheduleId } }));
    expect(run.dedupeKey).toBe(`schedule:${created.scheduleId}:bull-${job.id}`);
    expect((await finished(run.id)).status).toBe('succeeded');
    expect(await db().scanRun.count({ where: { scheduleId: created.scheduleId } })).toBe(1);
    expect((await db().schedule.findUniqueOrThrow({ where: { id: created.scheduleId } })).lastRunId).toBe(run.id);
  });
});
