// Fault: a target that hangs mid-reply, scanned beside a healthy real redis-server — through the
// scanner library, the CLI and the app's scan run. The hanging target ends `error` (never a pass)
// with a timeout reason, the healthy target's results are kept, and nothing stays "running".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { DEFAULT_THRESHOLDS } from '@/lib/controls';
import { db } from '@/lib/db/client';
import { startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { scanTargets, type ScanTargetResult } from '@/lib/scan';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { createOrganization } from '../support/fixtures';
import { runCli } from '../support/run-cli';
import { targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { startStallingProxy, type StallingProxy } from './stalling-proxy';

const work = mkdtempSync(path.join(os.tmpdir(), 'faults-hang-'));
let sandbox: StartedSandbox;
/** Every reply cut after its first bytes: not even PING completes. */
let hangsAtOnce: StallingProxy;
/** PING works; INFO's bulk reply starts and never ends (and the commands queued behind it wait forever). */
let hangsInInfo: StallingProxy;
/** The keyspace audit's first SCAN page arrives, the second never completes. */
let hangsInKeyspace: StallingProxy;

beforeAll(async () => {
  sandbox = await startSandbox('insecureDefaults');
  const admin = new Redis(sandbox.port, '127.0.0.1');
  const pipeline = admin.pipeline();
  for (let k = 0; k < 300; k++) pipeline.set(`session:${k}`, 'x');
  await pipeline.exec();
  admin.disconnect();
  [hangsAtOnce, hangsInInfo, hangsInKeyspace] = await Promise.all([
    startStallingProxy(sandbox.port, () => true),
    startStallingProxy(sandbox.port, (verb) => verb === 'INFO'),
    startStallingProxy(sandbox.port, (verb, nth) => verb === 'SCAN' && nth === 2),
  ]);
});

afterAll(async () => {
  await Promise.all([hangsAtOnce, hangsInInfo, hangsInKeyspace].map((proxy) => proxy?.close()));
  await sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
});

const TIMED_OUT = /no answer within \d+ ms|did not finish within \d+ ms/;

function expectNoPassAndTimeoutErrors(result: ScanTargetResult) {
  expect(result.results.filter((r) => r.status === 'pass')).toEqual([]);
  const errors = result.results.filter((r) => r.status === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const r of errors) expect(r.reason, r.controlId).toMatch(TIMED_OUT);
}

describe('scanner library (lib/scan)', () => {
  it('ends hanging targets as errors with a timeout reason and keeps the healthy target', async () => {
    const targets = [hangsAtOnce, hangsInInfo, hangsInKeyspace].map((proxy) => targetFor(sandbox, { port: proxy.port }));
    const [atOnce, inInfo, inKeyspace, healthy] = await scanTargets([...targets, targetFor(sandbox)], {
      thresholds: { ...DEFAULT_THRESHOLDS, keyspaceMaxOpsPerSec: 500, keyspaceTimeBudgetSeconds: 20 },
      fingerprintKey: TEST_FINGERPRINT_KEY,
      stepTimeoutMs: 1000,
      targetTimeoutMs: 20_000,
      keyspace: 'keys',
    });
    expect(hangsAtOnce.stalledAt[0]).toBe('PING');
    expect(atOnce.status).toBe('error');
    expect(atOnce.error).toMatch(/could not connect \(timeout\): PING: no answer within 1000 ms/);
    expect(atOnce.results.every((r) => r.status === 'error' && TIMED_OUT.test(r.reason ?? ''))).toBe(true);

    expect(hangsInInfo.stalledAt).toContain('INFO');
    expect(inInfo.status).toBe('error');
    expect(inInfo.error).toMatch(/stopped answering during the scan \(INFO everything: INFO: no answer within 1000 ms\)/);
    expectNoPassAndTimeoutErrors(inInfo);
    // What other connections did collect still counts: the unauthenticated PING was answered.
    expect(inInfo.results.find((r) => r.controlId === 'RED-AUTH-001')?.status).toBe('fail');

    // The keyspace audit's second SCAN hangs: the rest of the scan is whole, the audit says why it stopped.
    expect(hangsInKeyspace.stalledAt).toEqual(['SCAN']);
    expect(inKeyspace.status).toBe('ok');
    expect(inKeyspace.facts?.keyspace).toMatchObject({ ok: true, value: { coverage: 'aborted', coverageReason: expect.stringMatching(TIMED_OUT) } });
    for (const id of ['RED-DATA-001', 'RED-DATA-002', 'RED-DATA-004', 'RED-DATA-006']) {
      expect(inKeyspace.results.find((r) => r.controlId === id), id).toMatchObject({ status: 'not_assessable', reason: expect.stringContaining('keyspace audit aborted') });
    }

    expect(healthy.status).toBe('ok');
    expect(healthy.facts?.keyspace).toMatchObject({ ok: true, value: { coverage: 'complete', keysScanned: 300 } });
    expect(healthy.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(0);
  });
});

describe('CLI scan', () => {
  it('reports the hanging target as an error within --timeout, the healthy one in full, and exits 2', async () => {
    const config = path.join(work, 'targets.json');
    writeFileSync(config, JSON.stringify({ targets: [{ url: hangsInInfo.url }, { url: sandbox.url }] }));
    const run = await runCli(['scan', '--config', config, '--format', 'json', '--timeout', '3'], { cwd: work });
    expect(run.code, run.stderr).toBe(2);
    const [hung, healthy] = JSON.parse(run.stdout).targets as ScanTargetResult[];
    expect(hung).toMatchObject({ target: hangsInInfo.url, status: 'error', error: expect.stringContaining('scan did not finish within 3000 ms') });
    expectNoPassAndTimeoutErrors(hung);
    expect(healthy.status).toBe('ok');
    expect(healthy.results.some((r) => r.status === 'pass')).toBe(true);
  });
});

describe('app scan run (lib/scan-runs)', () => {
  let tdb: TestDatabase;
  afterAll(() => tdb?.drop());

  it('stores the healthy instance, records the hanging one as an error, and finishes the run', async () => {
    tdb = await createTestDatabase();
    const organizationId = (await createOrganization()).id;
    const save = (name: string, url: string) => saveSelfTarget(null, { organizationId, name, config: { url }, secrets: {} }).then((r) => r.instance.id);
    const hungId = await save('hangs-mid-info', hangsInInfo.url);
    const healthyId = await save('healthy', sandbox.url);

    const started = await startScanRun(null, { organizationId, trigger: 'manual' }, { wait: true });
    const run = await db().scanRun.findUniqueOrThrow({ where: { id: started.id } });
    expect(run.status).toBe('partial');
    expect(run.finishedAt).not.toBeNull();
    expect(run.progressDone).toBe(2);
    expect(run.errors).toEqual([{ instanceId: hungId, error: expect.stringMatching(/stopped answering during the scan \(INFO everything: INFO: no answer within \d+ ms\)/) }]);

    const stored = async (instanceId: string) => db().controlResult.findMany({ where: { scanRunId: run.id, instanceId } });
    const healthy = await stored(healthyId);
    expect(healthy.some((r) => r.status === 'pass')).toBe(true);
    const hung = await stored(hungId);
    expect(hung.length).toBe(healthy.length);
    expect(hung.filter((r) => r.status === 'pass')).toEqual([]);
    expect(await db().factsSnapshot.count({ where: { scanRunId: run.id } })).toBe(2);
  });
});
