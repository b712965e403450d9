import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '@/scripts/generate-permissions-doc';

describe('README permission table', () => {
  it('is up to date with lib/auth/roles.ts (run: npx tsx scripts/generate-permissions-doc.ts)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(renderReadme(readme)).toBe(readme);
  });
});
