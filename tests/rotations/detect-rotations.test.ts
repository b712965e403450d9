// Rotation detection on a real server scanned twice through the app: an ACL password change is a
// rotation (removing the old password afterwards is not a second one), a replaced TLS certificate is
// a rotation with its new notAfter — and no secret or hash of a secret reaches a stored row or the
// evidence package.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { db } from '@/lib/db/client';
import { buildEvidencePackage } from '@/lib/evidence/build-package';
import { toPeriod } from '@/lib/evidence/period';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { connectSandbox, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { readPackage } from '../evidence/package-files';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let sandbox: StartedSandbox;
let admin: Redis;
let orgId: string;
let instanceId: string;
const NEW_APP_PASSWORD = 'rotated-app-passphrase-0b1c2d';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const scan = () => startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
const rotations = () => db().rotation.findMany({ where: { instanceId }, orderBy: { rotatedAt: 'asc' } });

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  sandbox = await startSandbox('hardened');
  admin = connectSandbox(sandbox);
  const { instance } = await saveSelfTarget(null, {
    organizationId: orgId,
    name: 'rotating-cache',
    config: { url: sandbox.url, user: sandbox.scanner!.name, ca: sandbox.caFile, cert: sandbox.certFile, key: sandbox.keyFile },
    secrets: { password: sandbox.scanner!.password },
  });
  instanceId = instance.id;
  await scan();
}, 60_000);

afterAll(async () => {
  admin?.disconnect();
  await sandbox?.stop();
  await tdb?.drop();
});

describe('rotation detection between scans', () => {
  it('starts from a baseline: the first scan records states, no rotation', async () => {
    expect(await rotations()).toEqual([]);
    const states = await db().credentialState.findMany({ where: { instanceId } });
    expect(states.map((s) => `${s.kind}:${s.subject}`).sort()).toEqual(
      ['acl_password:user admin', 'acl_password:user app', 'acl_password:user repl', 'acl_password:user scanner', 'ca_certificate:server CA', 'tls_certificate:server certificate'].sort(),
    );
  });

  it('records a rotation when an ACL password changes, and not again when the old one is removed', async () => {
    const app = sandbox.users.find((u) => u.name === 'app')!;
    await admin.call('ACL', 'SETUSER', 'app', `>${NEW_APP_PASSWORD}`);
    await scan();
    const [rotation] = await rotations();
    expect(rotation).toMatchObject({ kind: 'acl_password', subject: 'user app', detectedFrom: 'facts', organizationId: orgId });
    const snapshot = await db().factsSnapshot.findFirstOrThrow({ where: { instanceId }, orderBy: { collectedAt: 'desc' } });
    expect(rotation.snapshotId).toBe(snapshot.id);
    expect(rotation.rotatedAt).toEqual(snapshot.collectedAt);
    // Digests of fingerprints only: neither the facts' fingerprints nor anything derived from the password itself.
    const facts = snapshot.facts as unknown as SelfHostedFacts;
    const fingerprints = facts.acl.users.ok ? facts.acl.users.value.flatMap((u) => u.passwords.fingerprints) : [];
    expect(fingerprints.length).toBeGreaterThan(0);
    for (const digest of [rotation.previousFingerprint, rotation.newFingerprint]) {
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(fingerprints).not.toContain(digest);
      expect([sha256(NEW_APP_PASSWORD), sha256(app.password)]).not.toContain(digest);
    }

    await admin.call('ACL', 'SETUSER', 'app', `<${app.password}`);
    await scan();
    expect((await rotations()).map((r) => r.subject)).toEqual(['user app']);
    const state = await db().credentialState.findFirstOrThrow({ where: { instanceId, subject: 'user app' } });
    expect(state.digestSince).toEqual(rotation.rotatedAt);
  }, 60_000);

  it('records a rotation when the server certificate is replaced', async () => {
    const pki = path.dirname(sandbox.caFile!);
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: pki, stdio: 'ignore' });
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server2.key');
    run('req', '-new', '-key', 'server2.key', '-out', 'server2.csr', '-subj', '/O=Redis Compliance Sandbox/CN=localhost');
    run('ca', '-batch', '-notext', '-config', 'ca.cnf', '-extensions', 'server', '-in', 'server2.csr', '-out', 'server2.crt', '-days', '200');
    await admin.call('CONFIG', 'SET', 'tls-cert-file', path.join(pki, 'server2.crt'), 'tls-key-file', path.join(pki, 'server2.key'));
    await scan();
    const cert = (await rotations()).find((r) => r.kind === 'tls_certificate');
    expect(cert).toMatchObject({ subject: 'server certificate', detectedFrom: 'facts' });
    const issued = new X509Certificate(fs.readFileSync(path.join(pki, 'server2.crt')));
    expect(cert!.notAfter).toEqual(new Date(issued.validTo));
    expect((await rotations()).filter((r) => r.kind === 'ca_certificate')).toEqual([]);
  }, 60_000);

  it('keeps every secret and every hash of one out of the stored rows and the evidence package', async () => {
    const secrets = [NEW_APP_PASSWORD, ...sandbox.users.map((u) => u.password)].filter(Boolean);
    const forbidden = [...secrets, ...secrets.map(sha256)];
    const tables = ['Rotation', 'CredentialState', 'ConfigChange', 'ControlResult', 'FactsSnapshot', 'AuditLogEntry'];
    for (const table of tables) {
      const text = JSON.stringify(await tdb.rawQuery(`SELECT * FROM "${table}"`));
      for (const value of forbidden) expect(text.includes(value), `${table} contains a secret or its hash`).toBe(false);
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rotation-evidence-'));
    try {
      const today = new Date().toISOString().slice(0, 10);
      const built = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(today, today), scope: { frameworks: ['hipaa'] }, generatedBy: 'test', outFile: path.join(work, 'p.zip') });
      const entries = await readPackage(built.file);
      const rotationFiles = [...entries.keys()].filter((name) => /rotation/i.test(name));
      expect(rotationFiles.length, 'the package lists the rotations').toBeGreaterThan(0);
      for (const [name, data] of entries) {
        const text = data.toString('latin1');
        for (const value of forbidden) expect(text.includes(value), `${name} contains a secret or its hash`).toBe(false);
      }
      const rotationsText = rotationFiles.map((n) => entries.get(n)!.toString()).join('\n');
      expect(rotationsText).toContain('user app');
      for (const r of await rotations()) expect(rotationsText.includes(r.newFingerprint!)).toBe(false);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
