// Periodic work, safe to run in several processes at once (each step claims rows conditionally):
// expire exceptions, announce overdue findings, send due webhooks, run due restore drills, and once a
// day purge the audit log entries past their retention.
import { logger } from '../log/logger';
import { expireRiskExceptions } from '../exceptions/expire-exceptions';
import { notifyOverdueFindings } from '../findings/notify-overdue-findings';
import { deliverDueWebhooks } from '../webhooks/deliver-webhooks';
import { runDueDrills } from '../drills/run-due-drills';
import { purgeAuditLogDaily } from '../audit-log/daily-purge';

export async function runMaintenance(now = new Date()): Promise<void> {
  await expireRiskExceptions(now);
  await notifyOverdueFindings(now);
  await deliverDueWebhooks(now);
  await runDueDrills(now);
  await purgeAuditLogDaily(now);
}

/** Runs maintenance every `intervalMs` (never overlapping itself); returns a stop function. */
export function startMaintenanceLoop(intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runMaintenance()
      .catch((err) => logger.error({ err }, 'maintenance failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
