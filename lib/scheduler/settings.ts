// Scheduler settings from the environment. QUEUE_REDIS_URL switches from the in-process default to
// BullMQ queues served by `npm run worker` processes.
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const schedulerSettings = {
  queueRedisUrl: () => process.env.QUEUE_REDIS_URL || undefined,
  /** How long an instance lease lives without renewal (a crashed holder's lease expires after it). */
  leaseMs: () => int('SCAN_LEASE_MS', 60_000),
  /** Scan runs executed at once per process (each run scans up to 4 instances at once). */
  runConcurrency: () => int('SCAN_RUN_CONCURRENCY', 2),
  /** Wait before trying again when another run holds an instance's lease. */
  busyRetryMs: () => int('SCAN_BUSY_RETRY_MS', 10_000),
  /** First retry delay of a run that failed outright (doubles each time). */
  retryBaseMs: () => int('SCAN_RETRY_BASE_MS', 5_000),
  /** BullMQ job lock: a worker that stops renewing it (crash) loses the job after this long. */
  workerLockMs: () => int('WORKER_LOCK_MS', 30_000),
  /** Expire exceptions, notify overdue findings, send webhooks, this often. */
  maintenanceMs: () => int('MAINTENANCE_INTERVAL_MS', 10_000),
  /** How long a call to the queue Redis may take before the queue counts as unavailable. */
  queueTimeoutMs: () => int('QUEUE_TIMEOUT_MS', 5_000),
  /** Wait before retrying start-up work (recovery, schedule sync) that failed: database or queue down. */
  startupRetryMs: () => int('SCHEDULER_RETRY_MS', 5_000),
};

/** Executions of one run before it is marked failed (first try + retries). */
export const MAX_RUN_ATTEMPTS = 3;

export const FINISHED_RUN_STATUSES: readonly string[] = ['succeeded', 'partial', 'failed'];
