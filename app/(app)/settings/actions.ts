'use server';

import { revalidatePath } from 'next/cache';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { updateOrganizationSettings } from '@/lib/settings/update-organization-settings';
import type { ActionFormState } from '@/components/ui/use-kept-form';

export async function updateSettingsAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('settings:manage', 'settings.update');
    const result = await updateOrganizationSettings(actor, String(form.get('document') ?? ''));
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/settings');
    return { ok: true, message: result.changed.length ? `Saved. Changed: ${result.changed.join(', ')}. New scans use these values.` : 'Saved (nothing changed).' };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}
