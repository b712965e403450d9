// Renders the permission table of lib/auth/roles.ts into README.md between
// <!-- permissions:start --> and <!-- permissions:end -->. `--check` exits 1 when the README is stale.
import fs from 'node:fs';
import path from 'node:path';
import { PERMISSIONS, ROLES } from '../lib/auth/roles';

export function permissionsTable(): string {
  const header = `| permission | ${ROLES.join(' | ')} |\n| --- | ${ROLES.map(() => '---').join(' | ')} |`;
  const rows = Object.entries(PERMISSIONS).map(([permission, roles]) => `| \`${permission}\` | ${ROLES.map((r) => ((roles as readonly string[]).includes(r) ? '✓' : '')).join(' | ')} |`);
  return `${header}\n${rows.join('\n')}`;
}

export function renderReadme(readme: string): string {
  const start = '<!-- permissions:start -->';
  const end = '<!-- permissions:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a === -1 || b === -1) throw new Error('README.md lacks the permissions markers');
  return `${readme.slice(0, a + start.length)}\n${permissionsTable()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', 'README.md');
  const current = fs.readFileSync(file, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) process.exit(next === current ? 0 : 1);
  fs.writeFileSync(file, next);
}
