'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, type Enrolment } from '@/lib/auth/totp';
import type { ActionFormState } from '@/components/ui/use-kept-form';

const codeSchema = z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code shown by your authenticator app.');

export async function beginTotpAction(): Promise<{ ok: true; enrolment: Enrolment } | { ok: false; error: string }> {
  try {
    const actor = await requireAction('account:manage', 'account.totp.begin');
    return { ok: true, enrolment: await beginTotpEnrolment(actor) };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

async function withCode(
  form: FormData,
  authorize: () => Promise<Awaited<ReturnType<typeof requireAction>>>,
  run: (actor: Awaited<ReturnType<typeof requireAction>>, code: string) => Promise<{ ok: boolean; error?: string }>,
  message: string,
): Promise<ActionFormState> {
  try {
    const actor = await authorize();
    const code = codeSchema.safeParse(form.get('code'));
    if (!code.success) return { ok: false, error: code.error.issues[0].message };
    const result = await run(actor, code.data);
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/account/security');
    return { ok: true, message };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function confirmTotpAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return withCode(form, () => requireAction('account:manage', 'account.totp.enable'), (actor, code) => confirmTotpEnrolment(actor, code), 'Second factor turned on. You will be asked for a code at every sign-in.');
}

export async function disableTotpAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return withCode(form, () => requireAction('account:manage', 'account.totp.disable'), (actor, code) => disableTotp(actor, code), 'Second factor turned off.');
}
