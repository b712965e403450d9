// Runs every enabled drill schedule that is due (from the scheduler's maintenance loop), one at a
// time: each drill starts a redis-server and the machine is shared. Safe in several processes at
// once: a process runs a schedule only after moving its nextRunAt on from the value it read.
import { db } from '../db/client';
import { runAutomatedDrill, type RunDrillOptions } from './run-automated-drill';

const DAY_MS = 86_400_000;

export async function runDueDrills(now = new Date(), options: RunDrillOptions = {}): Promise<{ instanceId: string; result: string }[]> {
  const due = await db().drillSchedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, orderBy: { nextRunAt: 'asc' }, select: { id: true, instanceId: true, nextRunAt: true, everyDays: true } });
  const ran: { instanceId: string; result: string }[] = [];
  for (const schedule of due) {
    const claimed = await db().drillSchedule.updateMany({
      where: { id: schedule.id, nextRunAt: schedule.nextRunAt },
      data: { nextRunAt: new Date(now.getTime() + schedule.everyDays * DAY_MS) },
    });
    if (claimed.count !== 1) continue;
    const outcome = await runAutomatedDrill(null, schedule.instanceId, options);
    ran.push({ instanceId: schedule.instanceId, result: outcome.ok ? outcome.result : `not run: ${outcome.error}` });
  }
  return ran;
}
