// `redis-compliance keys rotate-signing`: the active evidence-signing key is retired and a new one
// signs from then on; a package signed before the rotation still verifies (CLI and app), and the
// verification says which key signed it. `keys list` shows both keys, never private material.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@/lib/cli/main';
import { db } from '@/lib/db/client';
import { listSigningKeys, rotateSigningKey } from '@/lib/evidence/signing-key';
import { verifyForOrganization } from '@/lib/evidence/verify-for-organization';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { createInstance, DAY_MS, seedDailyScans } from '../evidence/history';
import { readPackage } from '../evidence/package-files';

const dayOf = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
let tdb: TestDatabase;
let work: string;
let orgId: string;

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: process.env });
  return { code, stdout, stderr };
}

async function buildPackage(name: string): Promise<{ file: string; signedBy: string }> {
  const file = path.join(work, name);
  const built = await cli('evidence', '--from', dayOf(-1), '--to', dayOf(0), '--org', 'signing-org', '--out', file);
  expect(built.code, built.stderr).toBe(0);
  const manifest = JSON.parse((await readPackage(file)).get('manifest.json')!.toString());
  return { file, signedBy: manifest.signingKey.fingerprint };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-signing-rotation-'));
  orgId = (await createOrganization('signing-org')).id;
  await createOrganization('other-org');
  const instance = await createInstance(orgId, 'signed-cache', new Date(`${dayOf(-1)}T00:00:00Z`));
  await seedDailyScans(orgId, [instance.id], dayOf(-1), 1, () => 'pass');
});

afterAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  await tdb?.drop();
});

describe(`keys rotate-signing (${TEST_ENGINE})`, () => {
  it('retires the active key, signs new packages with a new one, and old packages still verify', async () => {
    const before = await buildPackage('before.zip');
    const rotated = await cli('keys', 'rotate-signing', '--org', 'signing-org');
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const keys = await listSigningKeys(orgId);
    expect(keys.map((k) => k.active)).toEqual([true, false]);
    const [active, retired] = keys;
    expect(retired.fingerprint).toBe(before.signedBy);
    expect(retired.retiredAt).not.toBeNull();
    expect(rotated.stdout).toContain(`active   ${active.fingerprint}`);
    expect(rotated.stdout).toContain(`retired  ${retired.fingerprint}`);

    const after = await buildPackage('after.zip');
    expect(after.signedBy).toBe(active.fingerprint);

    const inApp = await verifyForOrganization(orgId, before.file);
    expect(inApp.ok).toBe(true);
    expect(inApp.key).toEqual({ fingerprint: retired.fingerprint, trustedAs: expect.stringMatching(/^this organisation's retired \(\d{4}-\d\d-\d\d\) key of/) });
    expect((await verifyForOrganization(orgId, after.file)).key.trustedAs).toMatch(/^this organisation's active key/);

    const cliVerify = await cli('verify', before.file);
    expect(cliVerify.code).toBe(0);
    expect(cliVerify.stdout).toContain(`signing key      ${retired.fingerprint} (Org signing-org, retired key (app database))`);

    const audit = await db().auditLogEntry.findFirstOrThrow({ where: { action: 'evidence.signing-key.rotate', organizationId: orgId } });
    expect(audit.detail).toMatchObject({ via: 'cli', retired: retired.fingerprint, active: active.fingerprint });
  });

  it('lists every key by fingerprint only, per organisation', async () => {
    const listed = await cli('keys', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Org signing-org (signing-org) evidence-signing keys:');
    expect(listed.stdout.match(/^ {2}(active |retired) {2}sha256:[0-9a-f]{64} {2}ed25519 {2}created/gm)).toHaveLength(2);
    expect(listed.stdout).toContain('Org other-org (other-org) evidence-signing keys:\n  none yet');
    expect(listed.stdout).not.toMatch(/PRIVATE KEY|PUBLIC KEY|v1\./);
    const byId = await cli('keys', 'list', '--org', orgId);
    expect(byId.stdout).not.toContain('other-org');
  });

  it('gives an organisation without a key its first one, and refuses an unknown organisation', async () => {
    const other = await db().organization.findUniqueOrThrow({ where: { slug: 'other-org' } });
    const first = await rotateSigningKey({ organizationId: other.id }, other.id, 'app');
    expect(first.retired).toBeNull();
    expect(first.active.active).toBe(true);
    expect(await cli('keys', 'rotate-signing', '--org', 'no-such-org')).toMatchObject({ code: 2, stderr: expect.stringContaining('no organisation with slug or id "no-such-org"') });
    expect((await cli('keys', 'rotate-signing')).code).toBe(2);
  });
});
