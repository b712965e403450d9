'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { rotateSigningKey } from '@/lib/evidence/signing-key';
import { startEvidencePackage } from '@/lib/evidence/start-evidence-package';
import type { ActionFormState } from '@/components/ui/use-kept-form';

export type CreatePackageState = ActionFormState & { packageId?: string };

const list = (form: FormData, name: string) => {
  const values = form.getAll(name).map(String).filter(Boolean);
  return values.length ? values : undefined;
};

export async function createEvidencePackageAction(_prev: CreatePackageState, form: FormData): Promise<CreatePackageState> {
  try {
    const actor = await requireAction('evidence:create', 'evidence.create');
    const result = await startEvidencePackage(actor, {
      period: { from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') },
      scope: { environments: list(form, 'environments'), platforms: list(form, 'platforms'), instances: list(form, 'instances'), frameworks: list(form, 'frameworks') ?? [] },
    });
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/evidence');
    return { ok: true, packageId: result.packageId, message: 'Building the package: it appears below with its progress.' };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

const rotateInput = z.object({ confirm: z.literal('yes', { message: 'Tick the box to confirm the rotation first.' }) });

export async function rotateSigningKeyAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('evidence:rotate-key', 'evidence.signing-key.rotate');
    const parsed = rotateInput.safeParse({ confirm: form.get('confirm') });
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
    const { active, retired } = await rotateSigningKey(actor, actor.organizationId, 'app');
    revalidatePath('/evidence');
    return { ok: true, message: `New signing key ${active.fingerprint}.${retired ? ` The previous key ${retired.fingerprint} is retired and still verifies older packages.` : ''}` };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}
