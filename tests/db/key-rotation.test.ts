// `redis-compliance keys rotate-encryption` on a real database with every kind of sealed secret and
// a real redis-server that needs the stored password (plus a cloud account): after the rotation every secret opens with
// the new key only, the app still authenticates and its secret fingerprints did not change (no
// credential looks rotated), no plaintext is stored or printed, and an interrupted run rolls back
// and is finished by running the command again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginTotpEnrolment, confirmTotpEnrolment, consumeTotpCode } from '@/lib/auth/totp';
import { main } from '@/lib/cli/main';
import { addCloudConnection } from '@/lib/cloud-scans/add-cloud-connection';
import { collectorInputFor } from '@/lib/cloud-scans/cloud-connection';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { fingerprintKey } from '@/lib/crypto/fingerprint-key';
import { masterKey, parseMasterKey, resetKeyCache } from '@/lib/crypto/keys';
import { reencryptSecrets } from '@/lib/crypto/rotate-encryption-key';
import { SEALED_COLUMNS } from '@/lib/crypto/sealed-columns';
import { openWith, sealWith, secretsKeyOf } from '@/lib/crypto/secrets';
import { db } from '@/lib/db/client';
import { activeSigningKey } from '@/lib/evidence/signing-key';
import { startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { createWebhookEndpoint } from '@/lib/webhooks/manage-webhook-endpoints';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

const saved = { key: process.env.APP_ENCRYPTION_KEY, dir: process.env.APP_DATA_DIR };
let tdb: TestDatabase;
let sandbox: StartedSandbox;
let work: string;
let orgId: string;
let userId: string;
let oldKey: Buffer;
const newKey = Buffer.alloc(32, 0x5a);
let newKeyFile: string;
let totpSecret: string;
const AWS_SECRET = 'rotation-canary-secret-access-key-6d1e';
let fingerprintBefore: Buffer;
/** Every stored secret in clear, read before the rotation (must never show up afterwards). */
let plaintexts: string[];

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: process.env });
  return { code, stdout, stderr };
}

/** Which keys open each sealed value: "old", "new" or "none". */
async function sealedUnder(): Promise<string[]> {
  const out: string[] = [];
  for (const column of SEALED_COLUMNS) {
    for (const v of await column.values(db())) {
      const opens = (key: Buffer) => {
        try {
          return openWith(secretsKeyOf(key), v.sealed, v.context) !== undefined;
        } catch {
          return false;
        }
      };
      out.push(opens(newKey) ? (opens(oldKey) ? 'both' : 'new') : opens(oldKey) ? 'old' : 'none');
    }
  }
  return out;
}

async function scanOnce() {
  const run = await startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
  return db().scanRun.findUniqueOrThrow({ where: { id: run.id } });
}

async function databaseDump(): Promise<string> {
  const tables = ['Connection', 'User', 'SigningKey', 'WebhookEndpoint', 'AppKey', 'AuditLogEntry', 'FactsSnapshot', 'CredentialState'];
  return JSON.stringify(await Promise.all(tables.map((t) => tdb.rawQuery(`SELECT * FROM "${t}"`))));
}

async function onTriggerEngine(sql: { sqlite: string[]; postgresql: string[] }) {
  for (const statement of sql[TEST_ENGINE]) await db().$executeRawUnsafe(statement);
}

beforeAll(async () => {
  delete process.env.APP_ENCRYPTION_KEY;
  process.env.APP_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-key-rotation-'));
  work = process.env.APP_DATA_DIR;
  resetKeyCache();
  tdb = await createTestDatabase();
  oldKey = masterKey();
  newKeyFile = path.join(work, 'new-encryption.key');
  fs.writeFileSync(newKeyFile, `${newKey.toString('base64')}\n`, { mode: 0o600 });

  const org = await createOrganization('rotation-org');
  orgId = org.id;
  const user = await createUserWithPassword(orgId, 'admin', 'a-long-enough-passphrase');
  userId = user.id;
  const actor = { id: user.id, email: user.email, organizationId: orgId, role: 'admin' as const };

  sandbox = await startSandbox('weakAcl');
  await saveSelfTarget(null, { organizationId: orgId, name: 'rotating-cache', config: { url: sandbox.url, user: sandbox.scanner!.name }, secrets: { password: sandbox.scanner!.password } });
  const cloud = await addCloudConnection(actor, 'aws', { name: 'aws-rotating', auth: 'keys', accessKeyId: 'AKIAROTATIONCANARY01', secretAccessKey: AWS_SECRET, regions: 'us-east-1' });
  expect(cloud.ok).toBe(true);
  totpSecret = (await beginTotpEnrolment(actor)).secret;
  expect(await confirmTotpEnrolment(actor, authenticator.generate(totpSecret))).toEqual({ ok: true });
  await beginTotpEnrolment(actor); // a second, pending secret
  const webhook = await createWebhookEndpoint(actor, { url: 'https://hooks.example.org/rcd', events: ['finding.opened'] });
  if (!webhook.ok) throw new Error(webhook.error);
  await activeSigningKey(orgId);

  const first = await scanOnce();
  expect(first.errors ?? []).toEqual([]);
  expect(await db().credentialState.count()).toBeGreaterThan(0);
  fingerprintBefore = await fingerprintKey();
  plaintexts = [sandbox.scanner!.password, AWS_SECRET, totpSecret, webhook.secret];
  const signing = await db().signingKey.findFirstOrThrow({ where: { organizationId: orgId } });
  plaintexts.push(openWith(secretsKeyOf(oldKey), signing.privateKeyCiphertext, `signing-key:${orgId}:${signing.fingerprint}`).split('\n')[1]);
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  await tdb?.drop();
  fs.rmSync(work, { recursive: true, force: true });
  process.env.APP_DATA_DIR = saved.dir;
  if (saved.dir === undefined) delete process.env.APP_DATA_DIR;
  if (saved.key !== undefined) process.env.APP_ENCRYPTION_KEY = saved.key;
  resetKeyCache();
});

describe(`keys rotate-encryption (${TEST_ENGINE})`, () => {
  it('refuses bad arguments with exit 2 and says how to make a key', async () => {
    const bad = path.join(work, 'bad.key');
    fs.writeFileSync(bad, 'hunter2', { mode: 0o600 });
    const wrongFormat = await cli('keys', 'rotate-encryption', '--new-key-file', bad);
    expect(wrongFormat.code).toBe(2);
    expect(wrongFormat.stderr).toMatch(/bad\.key must be 32 bytes, base64 or hex encoded \(generate one with: openssl rand -base64 32\)/);
    expect(await cli('keys', 'rotate-encryption')).toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one of --new-key-file') });
    expect(await cli('keys', 'rotate-encryption', '--new-key-file', newKeyFile, '--new-key-env', 'NEW_KEY')).toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one') });
    expect(await cli('keys', 'rotate-encryption', '--new-key-env', 'RCD_TEST_UNSET_KEY')).toMatchObject({ code: 2, stderr: expect.stringContaining('RCD_TEST_UNSET_KEY is not set') });
    expect(await cli('keys', 'rotate-encryption', '--new-key-env', newKey.toString('base64'))).toMatchObject({ code: 2, stderr: expect.stringContaining('name of an environment variable') });
    expect(await cli('keys', 'rotate-encryption', '--new-key-file', path.join(work, 'missing.key'))).toMatchObject({ code: 2, stderr: expect.stringContaining('openssl rand -base64 32') });
  });

  it('counts on a dry run and changes nothing', async () => {
    const dry = await cli('keys', 'rotate-encryption', '--new-key-file', newKeyFile, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run (nothing changed)');
    expect(dry.stdout).toMatch(/Connection\.secretCiphertext\s+2 value\(s\): 2 to re-seal, 0 already under the new key/);
    expect(dry.stdout).toMatch(/User\.totpSecretCiphertext\s+1 value/);
    expect(dry.stdout).toMatch(/User\.totpPendingCiphertext\s+1 value/);
    expect(dry.stdout).toMatch(/SigningKey\.privateKeyCiphertext\s+1 value/);
    expect(dry.stdout).toMatch(/WebhookEndpoint\.secretCiphertext\s+1 value/);
    expect(dry.stdout).toContain('fingerprint key: will be stored');
    expect(await sealedUnder()).toEqual(Array(6).fill('old'));
    expect(await db().appKey.count()).toBe(0);
  });

  it('refuses, changing nothing, when a stored value opens with neither key', async () => {
    const stray = await db().connection.create({ data: { organizationId: orgId, kind: 'self', name: 'sealed-elsewhere', config: { url: 'redis://10.0.0.9:6379' }, secretCiphertext: sealWith(Buffer.alloc(32, 1), '{}', 'connection:x:y') } });
    const refused = await cli('keys', 'rotate-encryption', '--new-key-file', newKeyFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was changed');
    expect(refused.stderr).toContain(`UNREADABLE: Connection.secretCiphertext ${stray.id}`);
    await db().connection.delete({ where: { id: stray.id } });
    expect(await sealedUnder()).toEqual(Array(6).fill('old'));
    expect(masterKey().equals(oldKey)).toBe(true);
  });

  it('rolls back a run that dies midway; running again finishes it, also after a commit without the key swap', async () => {
    await onTriggerEngine({
      sqlite: [`CREATE TRIGGER "crash_midway" BEFORE UPDATE ON "AppKey" BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`],
      postgresql: [
        `CREATE FUNCTION crash_midway() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER crash_midway BEFORE UPDATE ON "AppKey" FOR EACH ROW EXECUTE FUNCTION crash_midway()`,
      ],
    });
    const crashed = await cli('keys', 'rotate-encryption', '--new-key-file', newKeyFile);
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toContain('nothing was changed');
    // AppKey is re-sealed last: every other table had been re-sealed inside the transaction.
    expect(await sealedUnder()).toEqual(Array(6).fill('old'));
    expect(await db().appKey.count()).toBe(0);
    await onTriggerEngine({ sqlite: ['DROP TRIGGER "crash_midway"'], postgresql: ['DROP TRIGGER crash_midway ON "AppKey"', 'DROP FUNCTION crash_midway()'] });

    // The database commits, then the process dies before it replaces data/encryption.key.
    await reencryptSecrets({ currentMaster: oldKey, newMaster: newKey });
    expect(await sealedUnder()).toEqual(Array(7).fill('new'));
    expect(masterKey().equals(oldKey)).toBe(true);

    const resumed = await cli('keys', 'rotate-encryption', '--new-key-file', newKeyFile);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/Connection\.secretCiphertext\s+2 value\(s\): 0 re-sealed, 2 already under the new key/);
    expect(resumed.stdout).toContain('fingerprint key: already stored');
    expect(resumed.stdout).toContain('Restart the app and its workers');
    const keyFile = path.join(work, 'encryption.key');
    expect(parseMasterKey(fs.readFileSync(keyFile, 'utf8')).equals(newKey)).toBe(true);
    const backups = fs.readdirSync(work).filter((f) => f.startsWith('encryption.key.') && f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(fs.statSync(path.join(work, backups[0])).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(fs.readFileSync(path.join(work, backups[0]), 'utf8')).equals(oldKey)).toBe(true);
    expect(resumed.stdout).toContain(`old one is kept in ${path.join(work, backups[0])}`);
  });

  it('leaves every secret readable with the new key only, and the app working as before', async () => {
    expect(await sealedUnder()).toEqual(Array(7).fill('new'));
    resetKeyCache();
    expect(masterKey().equals(newKey)).toBe(true);
    expect((await fingerprintKey()).equals(fingerprintBefore)).toBe(true);

    // The scanner logs in with the stored password, and its fingerprints match the first scan's.
    const second = await scanOnce();
    expect(second.errors ?? []).toEqual([]);
    expect(await db().rotation.count({ where: { detectedFrom: 'facts' } })).toBe(0);
    const later = new Date(Date.now() + 120_000);
    expect(await consumeTotpCode(userId, authenticator.clone({ epoch: later.getTime() }).generate(totpSecret), later)).toBe(true);
    expect((await activeSigningKey(orgId)).sign(Buffer.from('x'))).toHaveLength(64);
    const cloud = await db().connection.findFirstOrThrow({ where: { organizationId: orgId, name: 'aws-rotating' } });
    expect(collectorInputFor(cloud).aws).toMatchObject({ accessKeyId: 'AKIAROTATIONCANARY01', secretAccessKey: AWS_SECRET });

    const dump = await databaseDump();
    for (const secret of [...plaintexts, oldKey.toString('base64'), newKey.toString('base64'), fingerprintBefore.toString('base64')]) expect(dump).not.toContain(secret);

    const audit = await db().auditLogEntry.findMany({ where: { action: 'keys.rotate-encryption', organizationId: orgId }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.outcome)).toEqual(['error', 'error', 'success']);
    expect(JSON.stringify(audit)).not.toContain(newKey.toString('base64'));
  });

  it('does nothing more when run again, and lists the key id without key material', async () => {
    const again = await cli('keys', 'rotate-encryption', '--new-key-file', newKeyFile);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/WebhookEndpoint\.secretCiphertext\s+1 value\(s\): 0 re-sealed, 1 already/);
    expect(again.stdout).toContain('already holds the new key');
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.bak'))).toHaveLength(1);

    const listed = await cli('keys', 'list', '--org', 'rotation-org');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/encryption key: id [0-9a-f]{16} \(from .*encryption\.key\)/);
    expect(listed.stdout).toContain('fingerprint key: stored');
    expect(listed.stdout).toMatch(/active\s+sha256:[0-9a-f]{64}\s+ed25519/);
    for (const secret of [...plaintexts, 'PRIVATE KEY', newKey.toString('base64')]) expect(listed.stdout + again.stdout).not.toContain(secret);
  });
});
