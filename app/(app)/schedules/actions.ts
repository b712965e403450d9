'use server';

import { revalidatePath } from 'next/cache';
import type { StartScanState } from '@/app/(app)/instances/actions';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { createSchedule, runScheduleNow, updateSchedule } from '@/lib/scheduler/manage-schedules';

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

export async function createScheduleAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('schedules:manage', 'schedule.create');
    const targetType = text(form, 'targetType');
    const targetRef = targetType === 'connection' ? text(form, 'connectionId') : targetType === 'instance' ? text(form, 'instanceId') : targetType === 'tag' ? text(form, 'tag') : undefined;
    const result = await createSchedule(actor, { name: text(form, 'name') ?? '', cron: text(form, 'cron') ?? '', timezone: text(form, 'timezone'), targetType, targetRef });
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/schedules');
    return { ok: true, message: `Created ${String(form.get('name'))}.` };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function updateScheduleAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('schedules:manage', `schedule.${text(form, 'action') ?? 'update'}`);
    const result = await updateSchedule(actor, { scheduleId: text(form, 'scheduleId'), action: text(form, 'action') });
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/schedules');
    return { ok: true, message: 'Saved.' };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

/** "Run now": bound to one schedule id by the page; shows live progress through ScanNowButton. */
export async function runScheduleNowAction(scheduleId: string): Promise<StartScanState> {
  try {
    const actor = await requireAction('schedules:manage', 'schedule.run');
    const result = await runScheduleNow(actor, scheduleId);
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/schedules');
    return { ok: true, runId: result.runId! };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : 'The run could not be started.' };
  }
}
