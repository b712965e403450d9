// No secret and no PHI value anywhere in a package: real redis-server targets holding passwords
// and fake PHI (SSN-shaped numbers, patient names, MRNs in key names and values) are scanned
// through the app's scan run, a package is built, and every file — the PDF as text too — is
// searched for each canary.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { masterKey } from '@/lib/crypto/keys';
import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db/client';
import { buildEvidencePackage, type BuildOutcome } from '@/lib/evidence/build-package';
import { toPeriod } from '@/lib/evidence/period';
import { seedPhiProblems, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { startPostures } from '../support/sandbox-targets';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { readPackage } from '../evidence/package-files';

const USER_PASSWORD = 'canary-user-passphrase-5d8e1f';

let tdb: TestDatabase;
let work: string;
let sandboxes: Record<'phiProblems' | 'legacyTls', StartedSandbox>;
let stopAll: () => Promise<unknown>;
let orgId: string;
let built: BuildOutcome;
let texts: Map<string, string>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-canaries-'));
  ({ sandboxes, stopAll } = await startPostures(['phiProblems', 'legacyTls'] as const));
  await seedPhiProblems(sandboxes.phiProblems);
  orgId = (await createOrganization('canary-org')).id;
  await createUserWithPassword(orgId, 'officer', USER_PASSWORD);
  for (const [name, sandbox] of Object.entries(sandboxes)) {
    await saveSelfTarget(null, {
      organizationId: orgId,
      name,
      config: { url: sandbox.url, user: sandbox.scanner?.name === 'default' ? undefined : sandbox.scanner?.name, ca: sandbox.caFile, environment: 'production' },
      secrets: { password: sandbox.scanner?.password },
    });
  }
  await startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
  const today = new Date().toISOString().slice(0, 10);
  built = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(today, today), scope: { frameworks: ['hipaa', 'hitrust'] }, generatedBy: 'canary test', outFile: path.join(work, 'package.zip') });
  const entries = await readPackage(built.file);
  texts = new Map([...entries].map(([name, data]) => [name, data.toString('latin1')]));
  fs.writeFileSync(path.join(work, 'report.pdf'), entries.get('report.pdf')!);
  texts.set('report.pdf (text)', execFileSync('pdftotext', [path.join(work, 'report.pdf'), '-'], { encoding: 'utf8' }));
}, 180_000);

afterAll(async () => {
  await stopAll?.();
  fs.rmSync(work, { recursive: true, force: true });
  await tdb?.drop();
});

function expectNowhere(canary: string, what: string) {
  expect(canary.length, what).toBeGreaterThan(5);
  for (const [file, text] of texts) expect(text.includes(canary), `${what} found in ${file}`).toBe(false);
}

describe(`no secrets and no PHI in a package (${TEST_ENGINE})`, () => {
  it('holds the real scans it is about (the search below is not over an empty package)', () => {
    const ids = built.manifest.scope.instanceIds;
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect(JSON.parse(texts.get(`evidence/results/${id}.json`)!).length).toBeGreaterThan(40);
      expect(JSON.parse(texts.get(`evidence/snapshots/${id}.json`)!)).toHaveLength(1);
    }
    // The scanner did read the secret-bearing settings: they are there, as fingerprints.
    expect(texts.get(`evidence/snapshots/${ids.find((id) => texts.get(`evidence/snapshots/${id}.json`)!.includes('requirepass'))}.json`)).toMatch(/"requirepass":\{[^}]*"fingerprint"/);
    expect(texts.get('report.pdf (text)')).toContain('phiProblems');
  });

  it('contains no password of any audited server or app user, nor their hashes', async () => {
    for (const sandbox of Object.values(sandboxes)) {
      for (const user of sandbox.users) if (user.password) expectNowhere(user.password, `password of ${sandbox.posture} user ${user.name}`);
    }
    expectNowhere(USER_PASSWORD, 'app user password');
    for (const u of await db().user.findMany({ where: { organizationId: orgId } })) expectNowhere(u.passwordHash!, 'app user password hash');
  });

  it('contains no key material of the app: master key, sealed secrets, the signing private key', async () => {
    expectNowhere(masterKey().toString('base64'), 'app master key');
    for (const c of await db().connection.findMany({ where: { organizationId: orgId } })) if (c.secretCiphertext) expectNowhere(c.secretCiphertext.split('.')[3], 'sealed connection secret');
    const key = await db().signingKey.findFirstOrThrow({ where: { organizationId: orgId } });
    const privatePem = decryptSecret(key.privateKeyCiphertext, `signing-key:${orgId}:${key.fingerprint}`);
    expectNowhere(privatePem.split('\n')[1], 'signing private key');
    expectNowhere(key.privateKeyCiphertext.split('.')[3], 'sealed signing key');
  });

  it('contains no PHI value or full PHI key name from the audited keyspace', () => {
    // seedPhiProblems writes patient:<SSN> keys holding names, SSNs, e-mails and MRNs (fake).
    for (let i = 0; i < 20; i++) {
      const ssn = `${100 + (i % 500)}-${10 + (i % 89)}-${1000 + i}`;
      expectNowhere(ssn, `SSN ${ssn}`);
      expectNowhere(`patient${i}@example.org`, 'patient e-mail');
      expectNowhere(`MRN ${700000 + i}`, 'MRN');
    }
    for (const name of ['Ada Example', 'Ben Sample', 'Cy Testcase', 'Dee Placeholder']) expectNowhere(name, `patient name ${name}`);
    expectNowhere('hypertension', 'diagnosis');
  });
});
