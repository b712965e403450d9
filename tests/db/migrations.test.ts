import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatamodel } from '@/lib/db/datamodel';
import { migrate } from '@/lib/db/migrate';
import { databaseTarget } from '@/lib/db/target';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb?.drop());

async function columnsOf(table: string): Promise<string[]> {
  const rows =
    TEST_ENGINE === 'postgresql'
      ? await tdb.rawQuery(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}'`)
      : await tdb.rawQuery(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.map((r) => String(r.name)).sort();
}

describe(`migrations on ${TEST_ENGINE}`, () => {
  it('create every model of prisma/schema.prisma with every scalar column', async () => {
    const dm = loadDatamodel();
    expect(dm.models.length).toBeGreaterThanOrEqual(20);
    for (const model of dm.models) {
      const expected = model.fields.filter((f) => f.kind !== 'object').map((f) => f.name).sort();
      expect(await columnsOf(model.dbName ?? model.name), model.name).toEqual(expected);
    }
  });

  it('are applied once: a second run applies nothing', async () => {
    expect(await migrate(databaseTarget(tdb.url))).toEqual([]);
  });

  it('refuse a migration that was edited after it was applied', async () => {
    const original = databaseTarget(tdb.url);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-migrations-'));
    fs.cpSync(original.migrationsPath, copy, { recursive: true });
    const first = fs.readdirSync(copy).filter((d) => fs.statSync(path.join(copy, d)).isDirectory()).sort()[0];
    fs.appendFileSync(path.join(copy, first, 'migration.sql'), '\n-- edited\n');
    await expect(migrate({ ...original, migrationsPath: copy })).rejects.toThrow(/edited after it was applied/);
  });
});
