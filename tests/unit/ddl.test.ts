import { describe, expect, it } from 'vitest';
import { loadDatamodel } from '@/lib/db/datamodel';
import { renderAdditiveChanges, renderCreateSchema } from '@/lib/db/ddl';

const base = `
datasource db {
  provider = "sqlite"
}
model A {
  id String @id
  name String
  @@index([name])
}
`;

describe('DDL rendering', () => {
  it('renders the same tables for both engines with engine-specific types', () => {
    const dm = loadDatamodel(base);
    expect(renderCreateSchema(dm, 'sqlite')).toContain('"id" TEXT NOT NULL PRIMARY KEY');
    expect(renderCreateSchema(dm, 'postgresql')).toContain('CONSTRAINT "A_pkey" PRIMARY KEY ("id")');
    expect(renderCreateSchema(dm, 'postgresql')).toContain('CREATE INDEX "A_name_idx" ON "A"("name");');
  });

  it('renders additive changes and refuses destructive ones', () => {
    const before = loadDatamodel(base);
    const added = loadDatamodel(base.replace('name String', 'name String\n  note String?\n  at DateTime @default(now())'));
    const sql = renderAdditiveChanges(before, added, 'postgresql');
    expect(sql).toContain('ALTER TABLE "A" ADD COLUMN "note" TEXT;');
    expect(sql).toContain('ALTER TABLE "A" ADD COLUMN "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;');
    const removed = loadDatamodel(base.replace('  name String\n', '').replace('  @@index([name])\n', ''));
    expect(() => renderAdditiveChanges(before, removed, 'sqlite')).toThrow(/A.name was removed/);
    expect(renderAdditiveChanges(before, before, 'sqlite')).toBe('');
  });
});
