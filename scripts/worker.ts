// `npm run worker`: one BullMQ worker process (QUEUE_REDIS_URL, same DATABASE_URL and
// APP_ENCRYPTION_KEY/APP_DATA_DIR as the app). Run several for scale-out; stop with SIGTERM.
import { startQueueWorker } from '../lib/scheduler/queue-worker';
import { db } from '../lib/db/client';

async function main() {
  const concurrency = process.env.WORKER_CONCURRENCY ? Number(process.env.WORKER_CONCURRENCY) : undefined;
  const worker = await startQueueWorker({ concurrency });
  const stop = async () => {
    await worker.stop();
    await db().$disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
