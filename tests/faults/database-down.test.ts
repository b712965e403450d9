// Fault: the database is unavailable (a PostgreSQL URL whose port has nothing listening). Route
// handlers answer 503 with a clear JSON message through the mapping withPermission uses; server
// actions get the same message; the CLI scanner, which needs no database, scans as usual; the
// embedded scheduler keeps retrying its start-up work and does it once the database is back; a
// worker started without a database logs each failed attempt and keeps running.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, db, resetDb } from '@/lib/db/client';
import { answerDatabaseRefusals, DATABASE_UNAVAILABLE_MESSAGE, DatabaseUnavailableError, isDatabaseUnavailable, rethrowUnavailable } from '@/lib/db/unavailable';
import { findFreePort, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { startEmbeddedBackgroundWork } from '@/lib/scheduler/start-embedded';
import { createOrganization } from '../support/fixtures';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let downUrl: string;
let tdb: TestDatabase;
let sandbox: StartedSandbox;

beforeAll(async () => {
  downUrl = `postgresql://postgres@127.0.0.1:${await findFreePort()}/rcd_down`;
  tdb = await createTestDatabase();
  sandbox = await startSandbox('insecureDefaults');
});
afterAll(async () => {
  await sandbox?.stop();
  await tdb?.drop();
});

/** The error Prisma raises for a query on the unreachable database. */
async function unreachableError(): Promise<unknown> {
  const down = createDb(downUrl);
  try {
    await down.organization.count();
  } catch (err) {
    return err;
  } finally {
    await down.$disconnect();
  }
  throw new Error('the query on the closed port succeeded');
}

describe('recognising an unavailable database', () => {
  it('is the unreachable server, not an ordinary query error', async () => {
    expect(isDatabaseUnavailable(await unreachableError())).toBe(true);
    const org = await createOrganization();
    const duplicate = await db().organization.create({ data: { name: 'again', slug: org.slug, settings: {} } }).catch((err: unknown) => err);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});

describe('route handlers (the mapping withPermission wraps every handler in)', () => {
  it('answer 503 with a clear JSON message and no internals', async () => {
    const down = createDb(downUrl);
    const route = answerDatabaseRefusals(async () => Response.json({ count: await down.organization.count() }));
    const response = await route();
    await down.$disconnect();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { error: string };
    expect(body).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE });
    expect(JSON.stringify(body)).not.toMatch(/prisma|invocation|127\.0\.0\.1|P1001/i);
  });

  it('let every other error through (a 500 stays a 500)', async () => {
    const route = answerDatabaseRefusals(async () => {
      throw new Error('a bug');
    });
    await expect(route()).rejects.toThrow('a bug');
  });

  it('give server actions the same clear message', async () => {
    const err = await unreachableError();
    expect(() => rethrowUnavailable(err)).toThrow(DatabaseUnavailableError);
    expect(() => rethrowUnavailable(err)).toThrow(DATABASE_UNAVAILABLE_MESSAGE);
    expect(() => rethrowUnavailable(new Error('a bug'))).toThrow('a bug');
  });
});

describe('the CLI scanner', () => {
  it('scans without any database', async () => {
    const run = await runCli(['scan', sandbox.url, '--format', 'json'], { env: { ...process.env, DATABASE_URL: downUrl } });
    // insecureDefaults fails controls (exit 1); 2 would mean the target could not be scanned.
    expect(run.code, run.stderr).toBe(1);
    const [target] = JSON.parse(run.stdout).targets as { status: string; results: { status: string }[] }[];
    expect(target.status).toBe('ok');
    expect(target.results.some((r) => r.status === 'pass')).toBe(true);
  });
});

describe('the embedded scheduler', () => {
  it('starts while the database is down, keeps retrying, and recovers interrupted runs once it is back', async () => {
    const organizationId = (await createOrganization()).id;
    const hourAgo = new Date(Date.now() - 3_600_000);
    // A run a crash left "running" after its last attempt: recovery marks it failed.
    const stuck = await db().scanRun.create({
      data: { organizationId, trigger: 'schedule', scope: { instanceIds: [] }, status: 'running', attempts: 3, startedAt: hourAgo, heartbeatAt: hourAgo, errors: [] },
    });
    const upUrl = process.env.DATABASE_URL!;
    process.env.SCHEDULER_RETRY_MS = '200';
    process.env.DATABASE_URL = downUrl;
    await resetDb();
    const stop = await startEmbeddedBackgroundWork();
    try {
      // Down for a few retries: nothing thrown, nothing done.
      await new Promise((r) => setTimeout(r, 1000));
      process.env.DATABASE_URL = upUrl;
      await resetDb();
      let recovered = await db().scanRun.findUniqueOrThrow({ where: { id: stuck.id } });
      for (let i = 0; i < 300 && recovered.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        recovered = await db().scanRun.findUniqueOrThrow({ where: { id: stuck.id } });
      }
      expect(recovered).toMatchObject({ status: 'failed' });
    } finally {
      stop();
      delete process.env.SCHEDULER_RETRY_MS;
    }
  });
});

describe('npm run worker', () => {
  it('starts while the database is down, logs each failed start-up attempt and keeps running', async () => {
    const worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: downUrl, QUEUE_REDIS_URL: `redis://127.0.0.1:${sandbox.port}/0`, SCHEDULER_RETRY_MS: '200', MAINTENANCE_INTERVAL_MS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    worker.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
    try {
      for (let i = 0; i < 400 && (output.match(/worker start-up \(schedule sync, run recovery\) failed; retrying/g) ?? []).length < 3 && worker.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toContain('worker ready');
      expect((output.match(/worker start-up \(schedule sync, run recovery\) failed; retrying/g) ?? []).length).toBeGreaterThanOrEqual(3);
      expect(output).toMatch(/maintenance failed/);
      expect(worker.exitCode).toBeNull();
    } finally {
      worker.kill('SIGTERM');
      await exited;
    }
  });
});
