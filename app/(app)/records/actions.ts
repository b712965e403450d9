'use server';

import { revalidatePath } from 'next/cache';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { createProcessRecord } from '@/lib/records/create-process-record';
import { textFields, uploadedFile } from '@/lib/records/form-data';

export async function createRecordAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('records:manage', 'record.create');
    const outcome = await createProcessRecord(actor, textFields(form), await uploadedFile(form));
    if (!outcome.ok) return { ok: false, error: outcome.error };
    revalidatePath('/records');
    return { ok: true, message: outcome.attachmentId ? 'Record saved with its document.' : 'Record saved.' };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}
