// Starts the demo fleet (unless DEMO=0), then the Next.js server, and stops the fleet on exit.
import { spawn } from 'node:child_process';
import { DEMO_ACCOUNTS } from '../lib/demo/demo-accounts';
import { startDemoFleet, type RunningDemoFleet } from '../lib/demo/demo-fleet';
import { seedDemoOrganization } from '../lib/demo/seed-demo-org';
import { hasRedisServer } from '../lib/demo/has-redis-server';
import { startScanRun } from '../lib/scan-runs/start-scan-run';

const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;

async function main() {
  let fleet: RunningDemoFleet | null = null;
  if (process.env.DEMO !== '0') {
    const { organizationId } = await seedDemoOrganization();
    if (hasRedisServer()) {
      console.log('Starting the demo fleet (real local redis-server processes):');
      fleet = await startDemoFleet(organizationId, (line) => console.log(line));
      console.log('Scanning the demo fleet…');
      const run = await startScanRun(null, { organizationId, trigger: 'demo' }, { wait: true });
      console.log(`Demo scan ${run.id} finished.`);
    } else {
      console.log('redis-server is not installed: the demo organisation starts without instances.');
    }
  }
  const server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port)], {
    stdio: 'inherit',
    env: { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url },
  });
  const stop = async (code: number) => {
    server.kill('SIGTERM');
    await fleet?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.on('exit', (code) => void stop(code ?? 0));

  console.log(`\nRedis Compliance Dashboard: ${url}`);
  if (process.env.DEMO !== '0') {
    console.log('Demo sign-ins (local evaluation only):');
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(22)} ${a.password}`);
  }
  console.log('Press Ctrl+C to stop the app and the demo fleet.\n');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
