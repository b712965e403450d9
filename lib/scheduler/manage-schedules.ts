// Schedules: create (cron + time zone + target group), enable/disable/delete, run now (the list is
// lib/scheduler/list-schedules.ts).
import { z } from 'zod';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { firstIssue, type ActionResult, type ActingUser } from '../findings/acting-user';
import { cronError, nextRunAt, timezoneError } from './cron';
import { dispatchScanRun } from './dispatch-scan-run';
import { fireSchedule } from './fire-schedule';
import { schedulesChanged } from './schedules-changed';
import { tagRefSchema, TARGET_TYPES } from './target-group';

const createInput = z
  .object({
    name: z.string().trim().min(1, 'give the schedule a name').max(100),
    cron: z.string().trim().superRefine((v, ctx) => {
      const error = cronError(v);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
    timezone: z.string().trim().default('UTC').superRefine((v, ctx) => {
      const error = timezoneError(v);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
    targetType: z.enum(TARGET_TYPES, { message: `target is one of: ${TARGET_TYPES.join(', ')}` }),
    targetRef: z.string().trim().optional(),
  })
  .strict();

async function checkTarget(organizationId: string, targetType: string, targetRef: string | undefined): Promise<string | null> {
  if (targetType === 'all') return null;
  if (!targetRef) return `targetRef: choose the ${targetType} to scan`;
  if (targetType === 'tag') {
    const parsed = tagRefSchema.safeParse(targetRef);
    return parsed.success ? null : `targetRef: ${parsed.error.issues[0].message}`;
  }
  const found =
    targetType === 'connection'
      ? await db().connection.count({ where: { id: targetRef, organizationId } })
      : await db().instance.count({ where: { id: targetRef, organizationId, goneAt: null } });
  return found ? null : `targetRef: no such ${targetType} in your organisation`;
}

export async function createSchedule(actor: ActingUser, raw: unknown, now = new Date()): Promise<ActionResult<{ scheduleId: string }>> {
  const parsed = createInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { name, cron, timezone, targetType } = parsed.data;
  const targetRef = targetType === 'all' ? undefined : parsed.data.targetRef;
  const targetProblem = await checkTarget(actor.organizationId, targetType, targetRef);
  if (targetProblem) return { ok: false, error: targetProblem };
  if (await db().schedule.count({ where: { organizationId: actor.organizationId, name } })) return { ok: false, error: `name: a schedule named "${name}" already exists` };
  const schedule = await db().schedule.create({
    data: { organizationId: actor.organizationId, name, cron, timezone, targetType, targetRef: targetRef ?? null, nextRunAt: nextRunAt(cron, timezone, now), createdById: actor.id },
  });
  await recordAudit(actor, { action: 'schedule.create', targetType: 'schedule', targetId: schedule.id, outcome: 'success', detail: { cron, timezone, targetType } });
  await schedulesChanged();
  return { ok: true, scheduleId: schedule.id };
}

const updateInput = z.object({ scheduleId: z.string().min(1), action: z.enum(['enable', 'disable', 'delete']) }).strict();

export async function updateSchedule(actor: ActingUser, raw: unknown, now = new Date()): Promise<ActionResult> {
  const parsed = updateInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const schedule = await db().schedule.findFirst({ where: { id: parsed.data.scheduleId, organizationId: actor.organizationId } });
  if (!schedule) return { ok: false, error: 'No such schedule in your organisation.' };
  if (parsed.data.action === 'delete') await db().schedule.delete({ where: { id: schedule.id } });
  else {
    const enabled = parsed.data.action === 'enable';
    await db().schedule.update({ where: { id: schedule.id }, data: { enabled, nextRunAt: enabled ? nextRunAt(schedule.cron, schedule.timezone, now) : null } });
  }
  await recordAudit(actor, { action: `schedule.${parsed.data.action}`, targetType: 'schedule', targetId: schedule.id, outcome: 'success' });
  await schedulesChanged();
  return { ok: true };
}

export async function runScheduleNow(actor: ActingUser, scheduleId: string): Promise<ActionResult<{ runId: string | null }>> {
  const schedule = await db().schedule.findFirst({ where: { id: scheduleId, organizationId: actor.organizationId } });
  if (!schedule) return { ok: false, error: 'No such schedule in your organisation.' };
  const runId = await fireSchedule(schedule.id, `manual-${Date.now()}-${actor.id}`, new Date(), { trigger: 'manual', requestedById: actor.id });
  if (!runId) return { ok: false, error: 'No instance matches this schedule’s target: nothing was scanned.' };
  await dispatchScanRun(runId);
  return { ok: true, runId };
}
