'use server';

import { revalidatePath } from 'next/cache';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { addSelfTarget } from '@/lib/connections/add-self-target';
import type { ActionFormState } from '@/components/ui/use-kept-form';

export async function addSelfTargetAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('connections:manage', 'connection.create');
    const result = await addSelfTarget(actor, Object.fromEntries(form));
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/connections');
    revalidatePath('/instances');
    return { ok: true, message: `Added ${String(form.get('name'))}. Scan it from its instance page.` };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}
