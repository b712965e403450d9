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
  // Runs a crash or an outage left unfinished resumed (runs of this process are not run twice), schedules in step.
  const catchUp = async () => {
    const recovered = await recoverStuckRuns((runId) => void localRunner().run(runId));
    if (recovered.resumed.length || recovered.failed.length) logger.info(recovered, 'scheduler: interrupted runs resumed / marked failed');
    await scheduler.sync();
  };
  // The database may be down at start: retried until it is back, then every minute.
  const stopStartup = keepTrying('scheduler start-up (run recovery, schedule sync)', catchUp, schedulerSettings.startupRetryMs());
  const resync = setInterval(() => catchUp().catch((err) => logger.error({ err }, 'run recovery / schedule sync failed')), 60_000);
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
