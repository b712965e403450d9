'use server';

import { revalidatePath } from 'next/cache';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
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
