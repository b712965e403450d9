// Starts the embedded background work in the app process (instrumentation.ts): recover runs a
// crash left behind, fire schedules, and run maintenance. Idempotent per process.
import { logger } from '../log/logger';
import { EmbeddedScheduler, embeddedScheduler, setEmbeddedScheduler } from './embedded-scheduler';
import { keepTrying } from './keep-trying';
import { localRunner } from './local-runner';
import { startMaintenanceLoop } from './maintenance';
import { recoverStuckRuns } from './recover-runs';
import { schedulerSettings } from './settings';

export async function startEmbeddedBackgroundWork(): Promise<() => void> {
  if (embeddedScheduler()) return () => undefined;
  const scheduler = new EmbeddedScheduler();
  setEmbeddedScheduler(scheduler);
  // The database may be down at start: recovery and the first sync are retried until it is back.
  const stopStartup = keepTrying(
    'scheduler start-up (run recovery, schedule sync)',
    async () => {
      const recovered = await recoverStuckRuns((runId) => void localRunner().run(runId));
      if (recovered.resumed.length || recovered.failed.length) logger.info(recovered, 'scheduler: interrupted runs resumed / marked failed');
      await scheduler.sync();
    },
    schedulerSettings.startupRetryMs(),
  );
  const resync = setInterval(() => scheduler.sync().catch((err) => logger.error({ err }, 'schedule sync failed')), 60_000);
  resync.unref();
  const stopMaintenance = startMaintenanceLoop(schedulerSettings.maintenanceMs());
  return () => {
    stopStartup();
    clearInterval(resync);
    stopMaintenance();
    scheduler.stop();
    setEmbeddedScheduler(undefined);
  };
}
