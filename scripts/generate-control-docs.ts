// Writes docs/controls.md from the control data and refreshes the README block between
// `<!-- controls:start -->` and `<!-- controls:end -->` when those markers exist.
//   npx tsx scripts/generate-control-docs.ts          write
//   npx tsx scripts/generate-control-docs.ts --check  exit 1 if a file is out of date

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderControlReference, renderReadmeSection, replaceBetweenMarkers } from '../lib/controls/docs/render';

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');

function update(file: string, next: string): boolean {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === next) return false;
  if (!check) writeFileSync(file, next);
  return true;
}

const docs = path.join(root, 'docs', 'controls.md');
const changed: string[] = [];
if (update(docs, renderControlReference())) changed.push('docs/controls.md');

const readme = path.join(root, 'README.md');
if (existsSync(readme)) {
  const replaced = replaceBetweenMarkers(readFileSync(readme, 'utf8'), renderReadmeSection());
  if (replaced !== null && update(readme, replaced)) changed.push('README.md');
}

if (check && changed.length) {
  console.error(`Out of date: ${changed.join(', ')}. Run: npx tsx scripts/generate-control-docs.ts`);
  process.exit(1);
}
console.log(changed.length ? `${check ? 'Out of date' : 'Wrote'}: ${changed.join(', ')}` : 'Control docs up to date');
