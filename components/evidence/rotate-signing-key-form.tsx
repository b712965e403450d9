'use client';

import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

/** Administrators only: retire the active signing key and make a new one (asks for a confirmation). */
export function RotateSigningKeyForm({ action }: { action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="mt-4 border-t border-slate-200 pt-3 text-sm" aria-label="Rotate the signing key">
      <label className="flex items-start gap-2">
        <input name="confirm" type="checkbox" value="yes" className="mt-1" />
        <span>Retire this key and sign future packages with a new one. Older packages keep verifying; anyone who checks with a saved public-key.pem needs the new one.</span>
      </label>
      <button type="submit" disabled={pending} className="mt-2 rounded border border-slate-400 bg-white px-3 py-1 hover:bg-slate-100 disabled:opacity-60">
        Rotate signing key
      </button>
      <FormMessage state={state} />
    </form>
  );
}
