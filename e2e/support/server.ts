// The app as the e2e suite sees it: a fresh SQLite database, the demo organisation and fleet, an
// expired auditor, and the production build served on E2E_PORT.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { db } from '../../lib/db/client';
import { migrate } from '../../lib/db/migrate';
import { databaseTarget } from '../../lib/db/target';
import { startDemoFleet, type RunningDemoFleet } from '../../lib/demo/demo-fleet';
import { hasRedisServer } from '../../lib/demo/has-redis-server';
import { seedDemoOrganization } from '../../lib/demo/seed-demo-org';
import { startEvidencePackage } from '../../lib/evidence/start-evidence-package';
import { startScanRun } from '../../lib/scan-runs/start-scan-run';
import { hashPassword } from '../../lib/users/passwords';
import { E2E_DATA_DIR, E2E_DB_FILE, EXPIRED_AUDITOR, LOCKOUT_USER, TOTP_USER } from './state';

async function main() {
  fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(E2E_DATA_DIR, { recursive: true });
  process.env.DATABASE_URL = `file:${E2E_DB_FILE}`;
  process.env.APP_DATA_DIR = E2E_DATA_DIR;
  await migrate(databaseTarget());
  const { organizationId } = await seedDemoOrganization();
  await db().user.create({
    data: {
      organizationId,
      email: EXPIRED_AUDITOR.email,
      name: 'Expired Auditor',
      role: 'auditor',
      passwordHash: await hashPassword(EXPIRED_AUDITOR.password),
      validFrom: new Date(Date.now() - 30 * 86_400_000),
      validUntil: new Date(Date.now() - 86_400_000),
    },
  });
  await db().user.create({
    data: { organizationId, email: LOCKOUT_USER.email, name: 'Lockout Target', role: 'engineer', passwordHash: await hashPassword(LOCKOUT_USER.password) },
  });
  await db().user.create({
    data: { organizationId, email: TOTP_USER.email, name: 'Second Factor', role: 'engineer', passwordHash: await hashPassword(TOTP_USER.password) },
  });
  let fleet: RunningDemoFleet | null = null;
  if (hasRedisServer()) {
    fleet = await startDemoFleet(organizationId);
    await startScanRun(null, { organizationId, trigger: 'demo' }, { wait: true });
  }
  // One ready evidence package (the authorization matrix downloads it; the evidence spec verifies it).
  const officer = await db().user.findFirstOrThrow({ where: { organizationId, role: 'officer' } });
  const today = new Date().toISOString().slice(0, 10);
  const evidence = await startEvidencePackage({ ...officer, organizationId }, { period: { from: today, to: today } }, { wait: true });
  if (!evidence.ok) throw new Error(`demo evidence package: ${evidence.error}`);
  await db().$disconnect();

  const port = process.env.E2E_PORT ?? '3100';
  const server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', port, '-H', '127.0.0.1'], {
    stdio: 'inherit',
    env: { ...process.env, NEXTAUTH_URL: `http://127.0.0.1:${port}` },
  });
  const stop = async () => {
    server.kill('SIGTERM');
    await fleet?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.on('exit', () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
