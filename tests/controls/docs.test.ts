import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROL_IDS } from '@/lib/controls/catalog';
import { README_END, README_START, renderControlReference, renderReadmeSection, replaceBetweenMarkers } from '@/lib/controls/docs/render';

describe('generated control docs', () => {
  it('docs/controls.md is up to date with the control data (run: npx tsx scripts/generate-control-docs.ts)', () => {
    const onDisk = readFileSync(path.resolve(__dirname, '../../docs/controls.md'), 'utf8');
    expect(onDisk === renderControlReference(), 'docs/controls.md is stale: run npx tsx scripts/generate-control-docs.ts').toBe(true);
  });

  it('documents every control with its fix and frameworks', () => {
    const doc = renderControlReference();
    for (const id of CONTROL_IDS) expect(doc).toContain(`### ${id} — `);
    expect(doc).toContain('redis.conf: `port 0`');
    expect(doc).toContain('164.312(a)(2)(iii) Automatic logoff');
    expect(doc).toContain('| 0706.10b1 | RED-NET-005, RED-CFG-001, RED-CFG-002, RED-CFG-004 |');
  });

  it('replaces only the README text between the markers', () => {
    const readme = `# Title\n\n${README_START}\nOLD-BLOCK-TEXT\n${README_END}\n\nrest\n`;
    const next = replaceBetweenMarkers(readme, renderReadmeSection())!;
    expect(next.startsWith(`# Title\n\n${README_START}\n67 controls`)).toBe(true);
    expect(next.endsWith(`${README_END}\n\nrest\n`)).toBe(true);
    expect(next).not.toContain('OLD-BLOCK-TEXT');
    expect(replaceBetweenMarkers('# no markers', 'x')).toBeNull();
  });
});
