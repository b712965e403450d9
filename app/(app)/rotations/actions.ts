'use server';

import { revalidatePath } from 'next/cache';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { textFields } from '@/lib/records/form-data';
import { recordManualRotation } from '@/lib/rotations/record-manual-rotation';

export async function recordRotationAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('rotations:record', 'rotation.record');
    const outcome = await recordManualRotation(actor, textFields(form));
    if (!outcome.ok) return { ok: false, error: outcome.error };
    revalidatePath('/rotations');
    return { ok: true, message: 'Rotation recorded.' };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}
