'use client';

import type { CreatePackageState } from '@/app/(app)/evidence/actions';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { ScopeOptions } from '@/lib/evidence/scope-options';

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';

interface Props {
  action: (prev: CreatePackageState, form: FormData) => Promise<CreatePackageState>;
  options: ScopeOptions;
  defaults: { from: string; to: string };
  /** Shown to auditors: the dates their window allows. */
  windowNote?: string;
}

export function CreatePackageForm({ action, options, defaults, windowNote }: Props) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, false);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 rounded border border-slate-200 bg-white p-5 md:grid-cols-4" aria-label="Create an evidence package">
      <label className="text-sm">
        <span className="block font-medium">From (first day, UTC)</span>
        <input name="from" type="date" required defaultValue={defaults.from} className={input} />
      </label>
      <label className="text-sm">
        <span className="block font-medium">To (last day, included)</span>
        <input name="to" type="date" required defaultValue={defaults.to} className={input} />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Environments (none = all)</span>
        <select name="environments" multiple className={`${input} h-20`}>
          {options.environments.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium">Instances (none = all)</span>
        <select name="instances" multiple className={`${input} h-20`}>
          {options.instances.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="text-sm md:col-span-2">
        <legend className="font-medium">Platforms (none = all)</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {options.platforms.map((p) => (
            <label key={p} className="flex items-center gap-1">
              <input type="checkbox" name="platforms" value={p} /> {p}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="text-sm md:col-span-2">
        <legend className="font-medium">Frameworks</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          <label className="flex items-center gap-1">
            <input type="checkbox" name="frameworks" value="hipaa" defaultChecked /> HIPAA 164.312
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" name="frameworks" value="hitrust" defaultChecked /> HITRUST CSF
          </label>
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-4 md:col-span-4">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? 'Starting…' : 'Create package'}
        </button>
        {windowNote ? <span className="text-sm text-slate-700">{windowNote}</span> : null}
        <FormMessage state={state} />
      </div>
    </form>
  );
}
