import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSelfTarget } from '@/lib/connections/save-self-target';
import { decryptSecrets } from '@/lib/crypto/secrets';
import { db } from '@/lib/db/client';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;
const SECRET = 'canary-redis-password-7f3a9c';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\ncanary-private-key-material-41d2\n-----END PRIVATE KEY-----';

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
});
afterAll(async () => tdb?.drop());

describe(`secrets at rest on ${TEST_ENGINE}`, () => {
  it('stores a target password only as AES-GCM ciphertext that round-trips', async () => {
    const { connection, instance } = await saveSelfTarget(null, {
      organizationId: orgId,
      name: 'cache-1',
      config: { url: 'rediss://10.0.0.5:6380', user: 'scanner' },
      secrets: { password: SECRET, keyPem: KEY_PEM },
    });
    expect(instance.resourceId).toBe('rediss://10.0.0.5:6380');
    expect(connection.secretCiphertext).toMatch(/^v1\./);
    expect(connection.secretCiphertext).not.toContain(SECRET);
    expect(decryptSecrets(connection.secretCiphertext!, `connection:${orgId}:cache-1`)).toEqual({ password: SECRET, keyPem: KEY_PEM });
  });

  it('leaves no plaintext secret anywhere in the stored rows', async () => {
    const tables = ['Connection', 'Instance', 'AuditLogEntry'];
    for (const table of tables) {
      const rows = await tdb.rawQuery(`SELECT * FROM "${table}"`);
      expect(rows.length, table).toBeGreaterThan(0);
      const dump = JSON.stringify(rows);
      expect(dump, table).not.toContain(SECRET);
      expect(dump, table).not.toContain('canary-private-key-material');
    }
  });

  it('refuses a password inside the URL with a message that says where it goes', async () => {
    await expect(
      saveSelfTarget(null, { organizationId: orgId, name: 'bad', config: { url: `redis://:${SECRET}@10.0.0.6:6379` }, secrets: {} }),
    ).rejects.toThrow(/use the password field/);
    expect(await db().connection.count({ where: { name: 'bad' } })).toBe(0);
  });
});
