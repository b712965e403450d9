// Next.js calls register() once when the server starts. Without QUEUE_REDIS_URL the app does its
// background work itself (schedules, crash recovery, exception expiry, overdue notices, webhooks);
// evidence packages are built (and recovered after a restart) by the web process either way;
// with it, `npm run worker` processes do all of that and the app only enqueues.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Evidence packages are built by the web process in both modes: pick up builds a restart cut off.
  const { startPackageRecovery } = await import('./lib/evidence/recover-interrupted-packages');
  const { logger } = await import('./lib/log/logger');
  startPackageRecovery(60_000, (err) => logger.error({ err }, 'evidence package recovery failed'));
  if (process.env.QUEUE_REDIS_URL) return;
  const { startEmbeddedBackgroundWork } = await import('./lib/scheduler/start-embedded');
  await startEmbeddedBackgroundWork();
}
