'use client';

import { useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';

export function AddGcpConnectionForm({ action }: { action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  const [auth, setAuth] = useState<'key' | 'adc'>('key');
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 rounded border border-slate-200 bg-white p-5 md:grid-cols-2" aria-label="Add Google Cloud projects">
      <label className="text-sm">
        <span className="block font-medium">Name</span>
        <input name="name" required className={input} placeholder="gcp-phi" />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Project ids (comma or space separated)</span>
        <input name="projects" required className={input} placeholder="phi-prod-123, phi-dr-456" />
      </label>
      <fieldset className="text-sm md:col-span-2">
        <legend className="font-medium">Credentials of the scanner (role roles/redis.viewer)</legend>
        <label className="mr-4 inline-flex items-center gap-1">
          <input type="radio" name="auth" value="key" checked={auth === 'key'} onChange={() => setAuth('key')} />
          Service-account key (stored encrypted)
        </label>
        <label className="inline-flex items-center gap-1">
          <input type="radio" name="auth" value="adc" checked={auth === 'adc'} onChange={() => setAuth('adc')} />
          Application Default Credentials of the server
        </label>
      </fieldset>
      {auth === 'key' ? (
        <label className="text-sm md:col-span-2">
          <span className="block font-medium">Service-account key file (paste the JSON; stored encrypted, never shown again)</span>
          <textarea name="credentialsJson" rows={4} className={`${input} font-mono text-xs`} autoComplete="off" placeholder='{"type": "service_account", …}' />
        </label>
      ) : null}
      <label className="text-sm">
        <span className="block font-medium">Endpoint override (optional)</span>
        <input name="endpoint" className={input} placeholder="https://redis.googleapis.com" />
      </label>
      <div className="flex items-center gap-4 md:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Add Google Cloud projects
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
