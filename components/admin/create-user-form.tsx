'use client';

import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import type { FormState } from '@/app/(app)/admin/users/actions';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm } from '@/components/ui/use-kept-form';

export function CreateUserForm({ action }: { action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 rounded border border-slate-200 bg-white p-5 md:grid-cols-3" aria-label="Add a user">
      <label className="text-sm">
        <span className="block font-medium">E-mail</span>
        <input name="email" type="email" required className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Name</span>
        <input name="name" required className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Role</span>
        <select name="role" className="mt-1 w-full rounded border border-slate-400 px-2 py-1" defaultValue="engineer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium">Initial password (≥ 12 characters; empty for single sign-on only)</span>
        <input name="password" type="password" autoComplete="new-password" className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Access from (optional)</span>
        <input name="validFrom" type="date" className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Access until (required for auditors)</span>
        <input name="validUntil" type="date" className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <div className="md:col-span-3 flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Add user
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
