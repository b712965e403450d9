'use server';

import { revalidatePath } from 'next/cache';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { saveThresholdOverrides } from '@/lib/instances/save-threshold-overrides';

export async function saveThresholdOverridesAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('settings:manage', 'instance.thresholds.update');
    const instanceId = String(form.get('instanceId') ?? '');
    const result = await saveThresholdOverrides(actor, instanceId, String(form.get('overrides') ?? ''));
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath(`/instances/${instanceId}`);
    return { ok: true, message: result.message };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    return { ok: false, error: 'The overrides could not be saved.' };
  }
}
