'use client';

import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';

export function AddSelfTargetForm({ action }: { action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 rounded border border-slate-200 bg-white p-5 md:grid-cols-2" aria-label="Add a self-hosted target">
      <label className="text-sm">
        <span className="block font-medium">Name</span>
        <input name="name" required className={input} placeholder="billing-cache-prod" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">URL (redis:// or rediss:// for TLS, no password)</span>
        <input name="url" required className={input} placeholder="rediss://10.0.1.5:6380" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Scanner user (ACL)</span>
        <input name="user" className={input} placeholder="compliance-scanner" autoComplete="off" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Password (stored encrypted, never shown again)</span>
        <input name="password" type="password" className={input} autoComplete="new-password" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Environment</span>
        <input name="environment" className={input} placeholder="production" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">TLS server name (if not the URL host)</span>
        <input name="servername" className={input} />
      </label>
      <label className="text-sm md:col-span-2">
        <span className="block font-medium">Replicas of this primary (optional, one URL per line)</span>
        <textarea name="replicas" rows={2} className={`${input} font-mono text-xs`} placeholder="rediss://10.0.1.6:6380" />
        <span className="mt-1 block text-xs text-slate-600">
          The keyspace audit reads a replica instead of the primary when one follows it; replicas the primary lists itself are tried too. Same user, password and TLS settings as the primary.
        </span>
      </label>
      <label className="text-sm md:col-span-2">
        <span className="block font-medium">CA certificate (PEM)</span>
        <textarea name="ca" rows={3} className={`${input} font-mono text-xs`} placeholder="-----BEGIN CERTIFICATE-----" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Client certificate for mutual TLS (PEM)</span>
        <textarea name="cert" rows={3} className={`${input} font-mono text-xs`} />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Client key (PEM, stored encrypted)</span>
        <textarea name="keyPem" rows={3} className={`${input} font-mono text-xs`} autoComplete="off" />
      </label>
      <div className="flex items-center gap-4 md:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Add target
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
