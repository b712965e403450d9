// Text with a NUL character: PostgreSQL refuses it (22021), which a route answers as bad input
// (400 saying what to remove), not as a server fault; SQLite stores it. Real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { answerDatabaseRefusals, UNSTORABLE_TEXT_MESSAGE } from '@/lib/db/unavailable';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});

afterAll(async () => {
  await tdb?.drop();
});

describe(`text with a NUL character on ${TEST_ENGINE}`, () => {
  it(TEST_ENGINE === 'postgresql' ? 'is a 400 naming the character, and nothing is written' : 'is stored as given', async () => {
    const route = answerDatabaseRefusals(async () => Response.json(await db().organization.create({ data: { name: 'clinic\u0000name', slug: 'nul-test', settings: {} } })));
    const response = await route();
    if (TEST_ENGINE === 'postgresql') {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: UNSTORABLE_TEXT_MESSAGE });
      expect(await db().organization.count({ where: { slug: 'nul-test' } })).toBe(0);
    } else {
      expect(response.status).toBe(200);
      expect((await db().organization.findUniqueOrThrow({ where: { slug: 'nul-test' } })).name).toBe('clinic\u0000name');
    }
  });
});
