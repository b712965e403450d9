// Every column the schema declares as ciphertext is one `keys rotate-encryption` re-seals: a sealed
// column missing from lib/crypto/sealed-columns.ts would stay under the old key and be unreadable
// after a rotation.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEALED_COLUMNS } from '@/lib/crypto/sealed-columns';

function ciphertextColumns(schema: string): string[] {
  const out: string[] = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, field] of body.matchAll(/^\s+(\w*[cC]iphertext)\s+String/gm)) out.push(`${model}.${field}`);
  }
  return out.sort();
}

describe('sealed columns', () => {
  it('lists every ciphertext column of the schema, and only those', () => {
    const declared = ciphertextColumns(fs.readFileSync('prisma/schema.prisma', 'utf8'));
    expect(declared.length).toBeGreaterThanOrEqual(6);
    expect(SEALED_COLUMNS.map((c) => c.name).sort()).toEqual(declared);
  });
});
