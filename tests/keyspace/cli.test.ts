// `redis-compliance scan --keyspace …` as users run it: the bin spawned against a real server with
// seeded PHI problems. The flag is boolean (a URL after it is a target), values are read only with
// --sample-rate, and without --keyspace the DATA controls say the audit was not requested.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPhiProblems, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { runCli, type CliRun } from '../support/run-cli';

const work = mkdtempSync(path.join(os.tmpdir(), 'cli-keyspace-'));
let sandbox: StartedSandbox;

type Run = CliRun;

const cli = (args: string[]) => runCli(args, { cwd: work, env: { ...process.env, SCANNER_PW: sandbox.scanner!.password } });

const scanner = () => ['--user', 'scanner', '--password-env', 'SCANNER_PW', '--format', 'json'];
const data = (run: Run) => {
  const [target] = JSON.parse(run.stdout).targets;
  return Object.fromEntries(
    target.results.filter((r: { controlId: string }) => r.controlId.startsWith('RED-DATA')).map((r: { controlId: string }) => [r.controlId, r]),
  ) as Record<string, { status: string; reason?: string; observed: unknown }>;
};

beforeAll(async () => {
  sandbox = await startSandbox('phiProblems');
  await seedPhiProblems(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.concurrent('scan --keyspace', () => {
  it('is a boolean flag: the URL after it is scanned; keys audited, values not read, progress on stderr', async () => {
    const run = await cli(['scan', '--keyspace', sandbox.url, ...scanner()]);
    expect(run.code).toBe(1);
    const results = data(run);
    expect(results['RED-DATA-001'].status).toBe('fail');
    expect(results['RED-DATA-001'].reason).toMatch(/session: 20 key\(s\) without expiry/);
    expect(results['RED-DATA-004'].reason).toContain('patient:{ssn}');
    expect(results['RED-DATA-003']).toMatchObject({ status: 'not_assessable', reason: expect.stringMatching(/value sampling is not enabled/) });
    expect(run.stderr).toContain(`keyspace ${sandbox.url}: 100 of 100 keys (100%) done`);
    expect(run.stdout).not.toMatch(/\d{3}-\d{2}-\d{4}/);
  });

  it('without --keyspace the DATA controls are not_assessable and say why', async () => {
    const run = await cli(['scan', sandbox.url, ...scanner()]);
    for (const [id, r] of Object.entries(data(run))) {
      expect(r.status, id).toBe('not_assessable');
      expect(r.reason, id).toMatch(/keyspace audit not requested \(--keyspace\)/);
    }
    expect(run.stderr).not.toContain('keyspace ');
  });

  it('--sample-rate reads values: raw PHI fails DATA-003 with masked evidence only', async () => {
    const run = await cli(['scan', sandbox.url, '--keyspace', '--sample-rate', '1', ...scanner()]);
    const results = data(run);
    expect(results['RED-DATA-003'].status).toBe('fail');
    const observed = results['RED-DATA-003'].observed as { hits: { detector: string; pattern: string; excerpts: string[] }[] };
    expect(observed.hits.find((h) => h.detector === 'ssn')).toMatchObject({ pattern: 'patient:{ssn}', excerpts: ['{"name":⟨str⟩,"ssn":⟨SSN⟩,"dob":⟨DOB⟩,"email":⟨EMAIL⟩}'] });
    expect(observed.hits.find((h) => h.detector === 'mrn')).toMatchObject({ pattern: 'phi:{n}', excerpts: ['{"dx":⟨str⟩,"mrn":⟨MRN⟩}'] });
    expect(results['RED-DATA-005'].status).toBe('fail');
    expect(run.stdout).not.toMatch(/\d{3}-\d{2}-\d{4}|example\.org|Ada Example/);
  });

  it('takes the key-class policy from --config and stops at --time-budget under --max-ops-per-sec', async () => {
    const config = path.join(work, 'policy.yaml');
    writeFileSync(
      config,
      [
        'keyClasses:',
        '  - { name: session, patterns: ["session:*"], ttlRequired: false, maxTtlSeconds: null, phiAdjacent: true }',
        '  - { name: patient, patterns: ["patient:*"], ttlRequired: true, maxTtlSeconds: 60, phiAdjacent: true }',
        '',
      ].join('\n'),
    );
    const run = await cli(['scan', sandbox.url, '--keyspace', '--config', config, ...scanner()]);
    const results = data(run);
    expect(results['RED-DATA-001'].reason).toMatch(/^patient: 20 key\(s\) without expiry/);
    const slow = await cli(['scan', sandbox.url, '--keyspace', '--max-ops-per-sec', '20', '--time-budget', '1s', ...scanner()]);
    expect(data(slow)['RED-DATA-007']).toMatchObject({ status: 'not_assessable', reason: expect.stringMatching(/partial: time budget of 1 s reached/) });
  });

  it.each([
    [['--keyspace', '--sample-rate', '2'], /--sample-rate must be a number from 0 to 1/],
    [['--sample-rate', '0.5'], /--sample-rate only apply with --keyspace/],
    [['--keyspace', '--time-budget', 'soon'], /--time-budget must be a duration such as 60s/],
    [['--keyspace', '--max-ops-per-sec', '-5'], /--max-ops-per-sec must be a whole number/],
  ])('usage error %j exits 2 with a message', async (flags, message) => {
    const run = await cli(['scan', sandbox.url, ...flags]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
