// Secrets canary over the app database itself: after real scans of servers holding passwords and
// fake PHI, and a user with a second factor, no plaintext column of any table contains a password,
// a TOTP secret, an SSN, a patient name or a full PHI key name.
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginTotpEnrolment, confirmTotpEnrolment } from '@/lib/auth/totp';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { db } from '@/lib/db/client';
import { seedPhiProblems, type StartedSandbox } from '@/lib/redis-sandbox';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { loadDatamodel } from '@/lib/db/datamodel';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { startPostures } from '../support/sandbox-targets';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

const USER_PASSWORD = 'canary-user-passphrase-71c0aa';
let tdb: TestDatabase;
let sandboxes: Record<'phiProblems' | 'hardened', StartedSandbox>;
let stopAll: () => Promise<unknown>;
let totpSecret: string;
let dump: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ sandboxes, stopAll } = await startPostures(['phiProblems', 'hardened'] as const));
  await seedPhiProblems(sandboxes.phiProblems);
  const org = await createOrganization('canary-db');
  const user = await createUserWithPassword(org.id, 'admin', USER_PASSWORD);
  const enrolment = await beginTotpEnrolment(user);
  totpSecret = enrolment.secret;
  await confirmTotpEnrolment(user, authenticator.generate(totpSecret));
  for (const [name, sandbox] of Object.entries(sandboxes)) {
    await saveSelfTarget(null, {
      organizationId: org.id,
      name,
      config: { url: sandbox.url, user: sandbox.scanner?.name === 'default' ? undefined : sandbox.scanner?.name, ca: sandbox.caFile, cert: sandbox.clientCertRequired ? sandbox.certFile : undefined, key: sandbox.clientCertRequired ? sandbox.keyFile : undefined },
      secrets: { password: sandbox.scanner?.password },
    });
  }
  await startScanRun(null, { organizationId: org.id, trigger: 'manual' }, { wait: true });
  const tables = loadDatamodel().models.map((m) => m.dbName ?? m.name);
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) rows[table] = await tdb.rawQuery(`SELECT * FROM "${table}"`);
  dump = JSON.stringify(rows);
}, 180_000);

afterAll(async () => {
  await stopAll?.();
  await tdb?.drop();
});

describe(`secrets canary over every table (${TEST_ENGINE})`, () => {
  it('searched real data: both instances were scanned and stored facts', async () => {
    expect(await db().factsSnapshot.count()).toBe(2);
    expect(await db().controlResult.count()).toBeGreaterThan(100);
  });

  it('holds no server password, app password or TOTP secret in any column', () => {
    for (const sandbox of Object.values(sandboxes)) {
      for (const u of sandbox.users) expect(dump.includes(u.password), `password of ${u.name}`).toBe(false);
    }
    expect(dump.includes(USER_PASSWORD)).toBe(false);
    expect(dump.includes(totpSecret)).toBe(false);
  });

  it('holds no PHI value or full PHI key name from the audited keyspace', () => {
    for (let i = 0; i < 20; i++) {
      const ssn = `${100 + (i % 500)}-${10 + (i % 89)}-${1000 + i}`;
      expect(dump.includes(ssn), `SSN ${ssn}`).toBe(false);
      expect(dump.includes(`patient:${ssn}`), 'full key name').toBe(false);
      expect(dump.includes(`patient${i}@example.org`), 'patient e-mail').toBe(false);
    }
    for (const name of ['Ada Example', 'Ben Sample', 'Cy Testcase', 'Dee Placeholder']) expect(dump.includes(name), name).toBe(false);
  });
});
