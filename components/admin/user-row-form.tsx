'use client';

import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import type { FormState } from '@/app/(app)/admin/users/actions';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm } from '@/components/ui/use-kept-form';

export interface UserRowData {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  validFrom: string;
  validUntil: string;
  lastLoginAt: string | null;
}

export function UserRowForm({ user, action }: { user: UserRowData; action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, false);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid items-end gap-3 border-t border-slate-200 px-4 py-3 text-sm md:grid-cols-7" aria-label={`Edit ${user.email}`} data-testid="user-row">
      <input type="hidden" name="id" value={user.id} />
      <div className="md:col-span-2">
        <div className="font-medium">{user.name}</div>
        <div className="text-slate-700">{user.email}</div>
        <div className="text-xs text-slate-600">Last sign-in: {user.lastLoginAt ?? 'never'}</div>
      </div>
      <label>
        <span className="block text-xs font-medium">Role</span>
        <select name="role" defaultValue={user.role} className="mt-1 w-full rounded border border-slate-400 px-2 py-1">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block text-xs font-medium">Access from</span>
        <input name="validFrom" type="date" defaultValue={user.validFrom} className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <label>
        <span className="block text-xs font-medium">Access until</span>
        <input name="validUntil" type="date" defaultValue={user.validUntil} className="mt-1 w-full rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="flex items-center gap-2">
        <input name="disabled" type="checkbox" defaultChecked={user.disabled} />
        <span>Disabled</span>
      </label>
      <div className="flex flex-col gap-1">
        <button type="submit" disabled={pending} className="rounded border border-slate-400 bg-white px-3 py-1 hover:bg-slate-100 disabled:opacity-60">
          Save
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
