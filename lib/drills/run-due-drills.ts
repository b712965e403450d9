// Runs every enabled drill schedule that is due (for the scheduler's periodic tick), one at a time:
// each drill starts a redis-server and the machine is shared.
import { db } from '../db/client';
import { runAutomatedDrill, type RunDrillOptions } from './run-automated-drill';

export async function runDueDrills(now = new Date(), options: RunDrillOptions = {}): Promise<{ instanceId: string; result: string }[]> {
  const due = await db().drillSchedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, orderBy: { nextRunAt: 'asc' }, select: { instanceId: true } });
  const ran: { instanceId: string; result: string }[] = [];
  for (const { instanceId } of due) {
    const outcome = await runAutomatedDrill(null, instanceId, options);
    ran.push({ instanceId, result: outcome.ok ? outcome.result : `not run: ${outcome.error}` });
  }
  return ran;
}
