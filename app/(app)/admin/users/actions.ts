'use server';

import { revalidatePath } from 'next/cache';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { createUser, updateUser } from '@/lib/users/manage-users';

import type { ActionFormState } from '@/components/ui/use-kept-form';

export type FormState = ActionFormState;

async function guarded(action: string, run: (actor: Awaited<ReturnType<typeof requireAction>>) => Promise<FormState>): Promise<FormState> {
  try {
    const actor = await requireAction('users:manage', action);
    return await run(actor);
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded('user.create', async (actor) => {
    const result = await createUser(actor, Object.fromEntries(form));
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/admin/users');
    return { ok: true, message: `Created ${String(form.get('email'))}.` };
  });
}

export async function updateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded('user.update', async (actor) => {
    const result = await updateUser(actor, { ...Object.fromEntries(form), disabled: form.get('disabled') === 'on' });
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/admin/users');
    return { ok: true, message: 'Saved.' };
  });
}
