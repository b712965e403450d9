// A schedule fires: create its scan run for the target group — once per firing, so a retried tick
// or two processes firing the same minute find the same run (ScanRun.dedupeKey).
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { nextRunAt } from './cron';
import { scheduleScope } from './target-group';

export interface FireOptions {
  /** 'manual' when a person pressed "Run now". */
  trigger?: 'schedule' | 'manual';
  requestedById?: string;
}

export async function fireSchedule(scheduleId: string, firingKey: string, now = new Date(), options: FireOptions = {}): Promise<string | null> {
  const schedule = await db().schedule.findUnique({ where: { id: scheduleId } });
  if (!schedule) return null;
  const dedupeKey = `schedule:${schedule.id}:${firingKey}`;
  const existing = await db().scanRun.findUnique({ where: { dedupeKey }, select: { id: true } });
  if (existing) return existing.id;
  const scope = await scheduleScope(schedule.organizationId, schedule.targetType, schedule.targetRef);
  const nothing = !scope.connectionId && scope.instanceIds.length === 0;
  let runId: string;
  try {
    const run = await db().scanRun.create({
      data: {
        organizationId: schedule.organizationId,
        trigger: options.trigger ?? 'schedule',
        requestedById: options.requestedById ?? null,
        scheduleId: schedule.id,
        dedupeKey,
        scope,
        status: nothing ? 'failed' : 'queued',
        progressTotal: scope.connectionId ? Math.max(scope.instanceIds.length, 1) : scope.instanceIds.length,
        errors: nothing ? [{ instanceId: '', error: 'no instance matches the schedule target' }] : [],
        ...(nothing ? { startedAt: now, finishedAt: now } : {}),
      },
    });
    runId = run.id;
  } catch (err) {
    // Another process created it between the lookup and the insert.
    const raced = await db().scanRun.findUnique({ where: { dedupeKey }, select: { id: true } });
    if (!raced) throw err;
    return raced.id;
  }
  await db().schedule.update({ where: { id: schedule.id }, data: { lastRunAt: now, lastRunId: runId, nextRunAt: nextRunAt(schedule.cron, schedule.timezone, now) } });
  await recordAudit({ organizationId: schedule.organizationId }, { action: 'scan.start', targetType: 'scan-run', targetId: runId, outcome: 'success', detail: { trigger: options.trigger ?? 'schedule', scheduleId: schedule.id, instances: scope.instanceIds.length, connectionId: scope.connectionId ?? null } });
  return nothing ? null : runId;
}
