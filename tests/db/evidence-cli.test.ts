// `redis-compliance evidence` and `redis-compliance verify` as automation runs them: the bin
// spawned against the app database, exit codes and what they print.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { listSigningKeys } from '@/lib/evidence/signing-key';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { runCli, type CliRun } from '../support/run-cli';
import { createInstance, DAY_MS, seedDailyScans } from '../evidence/history';
import { readPackage, tamper } from '../evidence/package-files';

const dayOf = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const D0 = dayOf(-2);
const TODAY = dayOf(0);

let tdb: TestDatabase;
let work: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { cwd: work, env: { ...process.env, ...env } });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-evidence-cli-'));
  const org = await createOrganization('cli-org');
  const instances = [await createInstance(org.id, 'cli-cache-1', new Date(`${D0}T00:00:00Z`)), await createInstance(org.id, 'cli-cache-2', new Date(`${D0}T00:00:00Z`))];
  await db().instance.update({ where: { id: instances[1].id }, data: { environment: 'staging' } });
  await seedDailyScans(org.id, instances.map((i) => i.id), D0, 2, () => 'pass');
  await db().$disconnect();
});

afterAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  await tdb?.drop();
});

describe(`redis-compliance evidence / verify (${TEST_ENGINE})`, () => {
  it('builds a package from the app database and verifies it (exit 0)', async () => {
    const built = await cli(['evidence', '--from', D0, '--to', TODAY, '--scope', 'environment=production', '--out', 'package.zip']);
    expect(built.stderr).toContain('%] compressing the package');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`wrote ${path.join(work, 'package.zip')}`);
    expect(built.stdout).toMatch(/instances\s+1\n/);
    const manifest = JSON.parse((await readPackage(path.join(work, 'package.zip'))).get('manifest.json')!.toString());
    expect(manifest.generatedBy).toMatch(/^redis-compliance CLI/);
    expect(manifest.scope.environments).toEqual(['production']);

    const verified = await cli(['verify', 'package.zip']);
    expect(verified.stdout).toMatch(/^VERIFIED: package\.zip/);
    expect(verified.stdout).toContain('cli-org, active key (app database)');
    expect(verified.code).toBe(0);
    expect(await db().auditLogEntry.count({ where: { action: 'evidence.create', outcome: 'success' } })).toBe(1);
  });

  it('exits 1 and names what differs for a tampered file, and for an untrusted key', async () => {
    const entries = await readPackage(path.join(work, 'package.zip'));
    const target = [...entries.keys()].find((n) => n.startsWith('evidence/results/'))!;
    await tamper(path.join(work, 'package.zip'), path.join(work, 'tampered.zip'), { [target]: Buffer.from('[]\n') });
    const tampered = await cli(['verify', 'tampered.zip', '--format', 'json']);
    expect(tampered.code).toBe(1);
    const report = JSON.parse(tampered.stdout);
    expect(report.ok).toBe(false);
    expect(report.fileProblems).toEqual([expect.objectContaining({ path: target, kind: 'modified', foundSize: 3 })]);

    const organisationKey = path.join(work, 'org.pem');
    fs.writeFileSync(organisationKey, (await listSigningKeys((await db().organization.findFirstOrThrow({ where: { slug: 'cli-org' } })).id))[0].publicKeyPem);
    expect((await cli(['verify', 'package.zip', '--public-key', organisationKey])).code).toBe(0);
    const wrongKey = path.join(work, 'wrong.pem');
    const { generateKeyPairSync } = await import('node:crypto');
    fs.writeFileSync(wrongKey, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const untrusted = await cli(['verify', 'package.zip', '--public-key', wrongKey]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toContain('DIFFERS: the package is signed with key sha256:');
  });

  it('exits 2 with a clear message for bad arguments', async () => {
    const badDate = await cli(['evidence', '--from', '2026-13-01', '--to', TODAY, '--out', 'x.zip']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('period.from: from is not a calendar date');
    const badScope = await cli(['evidence', '--from', D0, '--to', TODAY, '--scope', 'colour=blue', '--out', 'x.zip']);
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toContain('--scope "colour=blue": write key=value');
    const unknownInstance = await cli(['evidence', '--from', D0, '--to', TODAY, '--scope', 'instance=nope', '--out', 'x.zip']);
    expect(unknownInstance.code).toBe(2);
    expect(unknownInstance.stderr).toContain('"nope"');
    const missing = await cli(['verify', 'no-such.zip']);
    expect(missing.code).toBe(2);
    expect(fs.existsSync(path.join(work, 'x.zip'))).toBe(false);
  });
});
