'use client';

import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

const EXAMPLE = `keyClasses:
  - { name: session, patterns: ["session:*"], ttlRequired: true, maxTtlSeconds: 900, phiAdjacent: true }
keyspaceMaxOpsPerSec: 20000`;

/** Per-instance key classes and keyspace budgets, merged over the organisation's thresholds. */
export function ThresholdOverridesForm({ instanceId, current, action }: { instanceId: string; current: string; action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, false);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="mt-6 rounded border border-slate-200 bg-white p-5 text-sm" aria-labelledby="overrides-heading">
      <h2 id="overrides-heading" className="text-base font-semibold">
        Keyspace policy for this instance
      </h2>
      <p className="mt-1 text-slate-700">
        Overrides of the organisation&apos;s thresholds (YAML or JSON): key classes, keyspace budgets, value sampling. Leave empty to use the
        organisation&apos;s values. Applied from the next scan.
      </p>
      <input type="hidden" name="instanceId" value={instanceId} />
      <label className="mt-3 block">
        <span className="block font-medium">Overrides</span>
        <textarea name="overrides" rows={6} defaultValue={current} placeholder={EXAMPLE} className="mt-1 w-full rounded border border-slate-400 px-2 py-1 font-mono text-xs" />
      </label>
      <div className="mt-3 flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Save policy
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
