// `npm run bench` runs every bench/<case>.ts (except this runner); `npm run bench -- <case>` runs one.
// Each case prints its own figures and ends with one JSON line {"bench":"<case>", …}.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const benchDir = __dirname;
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();

const requested = process.argv.slice(2).filter((a) => a !== '--');
const unknown = requested.filter((r) => !available.includes(r));
if (unknown.length > 0) {
  console.error(`unknown bench case(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.error(`\n== bench ${name}`);
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(benchDir, `${name}.ts`)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`bench ${name} exited with ${run.status ?? run.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
