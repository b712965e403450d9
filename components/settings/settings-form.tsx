'use client';

import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

export function SettingsForm({ document, action, canEdit }: { document: string; action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState>; canEdit: boolean }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, false);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" aria-label="Organisation settings">
      <label className="block text-sm">
        <span className="block font-medium">Settings (YAML or JSON)</span>
        <textarea name="document" defaultValue={document} rows={22} readOnly={!canEdit} spellCheck={false} className="mt-1 w-full rounded border border-slate-400 p-2 font-mono text-xs" />
      </label>
      {canEdit ? (
        <div className="flex items-center gap-4">
          <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
            Save settings
          </button>
          <FormMessage state={state} />
        </div>
      ) : null}
    </form>
  );
}
