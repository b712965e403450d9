// Next.js calls register() once when the server starts. Without QUEUE_REDIS_URL the app does its
// background work itself (schedules, crash recovery, exception expiry, overdue notices, webhooks);
// with it, `npm run worker` processes do all of that and the app only enqueues.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.QUEUE_REDIS_URL) return;
  const { startEmbeddedBackgroundWork } = await import('./lib/scheduler/start-embedded');
  await startEmbeddedBackgroundWork();
}
