'use client';

import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { WebhookFormState } from './actions';

type Action = (prev: WebhookFormState, form: FormData) => Promise<WebhookFormState>;

function SecretOnce({ secret }: { secret?: string }) {
  if (!secret) return null;
  return (
    <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
      Signing secret: <code className="font-mono break-all" data-testid="webhook-secret">{secret}</code>
    </p>
  );
}

export function CreateWebhookForm({ action, events }: { action: Action; events: { name: string; label: string }[] }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, false);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="mb-8 space-y-3 rounded border border-slate-200 bg-white p-5 text-sm" aria-label="Add a webhook endpoint">
      <div className="grid gap-3 md:grid-cols-2">
        <label>
          <span className="block font-medium">Receiver URL</span>
          <input name="url" required className="mt-1 w-full rounded border border-slate-400 px-2 py-1" placeholder="https://hooks.example.org/redis-compliance" />
        </label>
        <label>
          <span className="block font-medium">Description</span>
          <input name="description" className="mt-1 w-full rounded border border-slate-400 px-2 py-1" placeholder="Jira automation" />
        </label>
      </div>
      <fieldset>
        <legend className="font-medium">Events</legend>
        {events.map((e) => (
          <label key={e.name} className="mt-1 flex items-center gap-2">
            <input type="checkbox" name="events" value={e.name} defaultChecked /> <span className="font-mono text-xs">{e.name}</span> — {e.label}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Add endpoint
        </button>
        <FormMessage state={state} />
      </div>
      <SecretOnce secret={state.secret} />
    </form>
  );
}

export function EndpointActionButton({ action, endpointId, verb, label }: { action: Action; endpointId: string; verb: 'enable' | 'disable' | 'delete' | 'rotate'; label: string }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={`${label} endpoint`} className="text-sm">
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="action" value={verb} />
      <button type="submit" disabled={pending} className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50 disabled:opacity-60">
        {label}
      </button>
      <FormMessage state={state} />
      <SecretOnce secret={state.secret} />
    </form>
  );
}
