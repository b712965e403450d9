// After a restart: packages left queued or building by a process that is gone (no heartbeat for
// four beats) are built once more — the build is reproducible from stored data, so nothing is
// lost — and a package interrupted a second time is marked failed with the reason, so the page
// says what happened instead of showing a progress bar forever.
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { BUILD_HEARTBEAT_MS, runBuild } from './start-evidence-package';

const MAX_ATTEMPTS = 2;

export async function recoverInterruptedPackages(now = new Date(), options: { wait?: boolean } = {}): Promise<{ restarted: string[]; failed: string[] }> {
  const stale = new Date(now.getTime() - 4 * BUILD_HEARTBEAT_MS);
  const stuck = await db().evidencePackage.findMany({
    where: {
      status: { in: ['queued', 'building'] },
      OR: [{ heartbeatAt: { lt: stale } }, { heartbeatAt: null, createdAt: { lt: stale } }],
    },
    select: { id: true, organizationId: true, attempts: true, requestedById: true },
  });
  const restarted: string[] = [];
  const builds: Promise<void>[] = [];
  const failed: string[] = [];
  for (const pkg of stuck) {
    // Claim the row (another process recovering at the same moment gets count 0).
    const next = pkg.attempts < MAX_ATTEMPTS ? { status: 'queued', stage: 'restarting after an interruption', attempts: pkg.attempts + 1, heartbeatAt: now } : { status: 'failed', stage: null, error: `the build was interrupted ${pkg.attempts} times (the app restarted while it ran); request the package again`, finishedAt: now };
    const claimed = await db().evidencePackage.updateMany({ where: { id: pkg.id, status: { in: ['queued', 'building'] }, attempts: pkg.attempts }, data: next });
    if (claimed.count === 0) continue;
    const requester = await db().user.findUnique({ where: { id: pkg.requestedById }, select: { id: true, email: true, role: true } });
    const actor = { id: pkg.requestedById, email: requester?.email ?? 'unknown user', role: requester?.role ?? 'unknown', organizationId: pkg.organizationId };
    if (next.status === 'failed') {
      await recordAudit(actor, { action: 'evidence.build', targetType: 'evidence-package', targetId: pkg.id, outcome: 'error', detail: { error: next.error } });
      failed.push(pkg.id);
      continue;
    }
    restarted.push(pkg.id);
    builds.push(runBuild(pkg.id, actor));
  }
  if (options.wait) await Promise.all(builds);
  return { restarted, failed };
}

/** Checks for interrupted builds now and every `intervalMs` (a surviving process recovers a crashed one's). */
export function startPackageRecovery(intervalMs: number, log: (err: unknown) => void): () => void {
  const check = () => void recoverInterruptedPackages().catch(log);
  check();
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
