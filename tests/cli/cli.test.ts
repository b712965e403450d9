// The CLI as users and other tools run it: the bin spawned as a child process against real servers.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedSandbox } from '@/lib/redis-sandbox';
import { runCli, type CliRun } from '../support/run-cli';
import { startPostures } from '../support/sandbox-targets';

const work = mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
let sandboxes: Record<'hardened' | 'insecureDefaults', StartedSandbox>;
let stopAll: () => Promise<unknown>;

type Run = CliRun;

/** Runs the bin from an unrelated directory (the `@/` alias must still resolve). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { cwd: work, env: { ...process.env, ...env } });
}

function writeConfig(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  ({ sandboxes, stopAll } = await startPostures(['hardened', 'insecureDefaults'] as const));
});
afterAll(async () => {
  await stopAll?.();
  rmSync(work, { recursive: true, force: true });
});

function hardenedArgs(): string[] {
  const h = sandboxes.hardened;
  return [h.url, '--ca', h.caFile!, '--cert', h.certFile!, '--key', h.keyFile!, '--user', 'scanner', '--password-env', 'SCANNER_PW'];
}

describe.concurrent('redis-compliance scan', () => {
  it('unreachable target: one JSON document, status error, no pass, exit 2', async () => {
    const run = await cli(['scan', 'redis://127.0.0.1:1', '--format', 'json']);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout);
    expect(doc.tool).toEqual({ name: 'redis-compliance', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(new Date(doc.scannedAt).toString()).not.toBe('Invalid Date');
    expect(doc.targets).toHaveLength(1);
    const [target] = doc.targets;
    expect(target).toMatchObject({ target: 'redis://127.0.0.1:1', platform: 'self', engine: null, status: 'error' });
    expect(target.error).toMatch(/ECONNREFUSED/);
    expect(target.results.length).toBeGreaterThan(40);
    expect(target.results.filter((r: { status: string }) => r.status !== 'error')).toEqual([]);
    expect(run.stderr).toContain('[1/1] redis://127.0.0.1:1 error');
  });

  it('hardened over mTLS with a config file: JSON document per the interface, exit 0 with --fail-on critical', async () => {
    const config = writeConfig('hardened.yaml', 'thresholds:\n  adminUsers: [admin]\nkeyClasses:\n  - { name: session, patterns: ["session:*"], ttlRequired: true, maxTtlSeconds: 1800, phiAdjacent: true }\n');
    const password = sandboxes.hardened.scanner!.password;
    const run = await cli(['scan', ...hardenedArgs(), '--config', config, '--format', 'json', '--fail-on', 'critical'], { SCANNER_PW: password });
    expect(run.stderr).not.toContain('error:');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const [target] = doc.targets;
    expect(target).toMatchObject({ target: `rediss://127.0.0.1:${sandboxes.hardened.tlsPort}`, platform: 'self', engine: { name: 'redis', version: '7.0.15' }, status: 'ok' });
    expect(target.error).toBeUndefined();
    const byId = Object.fromEntries(target.results.map((r: { controlId: string }) => [r.controlId, r]));
    expect(byId['RED-TLS-003']).toMatchObject({ title: expect.any(String), status: 'pass', severity: 'high', expected: expect.any(String) });
    expect(byId['RED-TLS-003'].frameworks.hipaa).toContain('164.312(e)(1)');
    expect(byId['RED-ACL-003'].status).toBe('pass');
    expect(Object.keys(byId['RED-TLS-003']).sort()).toEqual(['controlId', 'expected', 'frameworks', 'observed', 'severity', 'status', 'title']);
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it('a fail at or above --fail-on (default low) exits 1; table format is readable', async () => {
    const run = await cli(['scan', ...hardenedArgs()], { SCANNER_PW: sandboxes.hardened.scanner!.password });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/rediss:\/\/127\.0\.0\.1:\d+ +\(redis 7\.0\.15\) +scan OK/);
    expect(run.stdout).toMatch(/RED-TLS-003 +pass +high/);
    expect(run.stdout).toMatch(/RED-AVL-001 +fail +high/);
  });

  it('insecure defaults fail at critical', async () => {
    const run = await cli(['scan', sandboxes.insecureDefaults.url, '--format', 'json', '--fail-on', 'critical']);
    expect(run.code).toBe(1);
    const failed = JSON.parse(run.stdout).targets[0].results.filter((r: { status: string; severity: string }) => r.status === 'fail' && r.severity === 'critical');
    expect(failed.map((r: { controlId: string }) => r.controlId)).toEqual(expect.arrayContaining(['RED-AUTH-001', 'RED-TLS-001']));
  });

  it('credentials refused: status error, exit 2', async () => {
    const run = await cli(['scan', ...hardenedArgs(), '--format', 'json'], { SCANNER_PW: 'wrong-password-value' });
    expect(run.code).toBe(2);
    const [target] = JSON.parse(run.stdout).targets;
    expect(target.status).toBe('error');
    expect(target.error).toMatch(/WRONGPASS/);
    expect(run.stdout).not.toContain('wrong-password-value');
  });

  it.each([
    [['scan', 'redis://127.0.0.1:1', '--format', 'xml'], /argument 'xml' is invalid/],
    [['scan'], /at least one redis:\/\/ or rediss:\/\/ URL/],
    [['scan', 'http://127.0.0.1:1'], /url must start with redis:\/\/ or rediss:\/\//],
    [['scan', 'redis://127.0.0.1:1', '--password-env', 'NOT_SET_ANYWHERE'], /NOT_SET_ANYWHERE is not set/],
    [['scan', '--config', '/nonexistent/targets.yaml'], /cannot read \/nonexistent\/targets\.yaml/],
  ])('usage error %j exits 2 with a message', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('a config file with unknown keys and bad values is rejected naming each', async () => {
    const config = writeConfig(
      'bad.json',
      JSON.stringify({ targets: [{ url: 'redis://127.0.0.1:1', pasword: 'x' }], thresholds: { certExpiryWarningDay: 3, backupMaxAgeHours: -1 }, keyClasses: [{ name: 'Bad Name' }], extra: true }),
    );
    const run = await cli(['scan', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown key\(s\) "extra"/);
    const fixed = writeConfig('bad2.json', JSON.stringify({ targets: [{ url: 'redis://127.0.0.1:1', pasword: 'x' }], thresholds: { certExpiryWarningDay: 3, backupMaxAgeHours: -1 }, keyClasses: [{ name: 'Bad Name' }] }));
    const second = await cli(['scan', '--config', fixed]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/targets\.0: unknown key\(s\) "pasword"/);
    expect(second.stderr).toMatch(/certExpiryWarningDay/);
    expect(second.stderr).toMatch(/backupMaxAgeHours/);
    expect(second.stderr).toMatch(/keyClasses\.0\.name/);
  });
});
