'use client';

import { useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';

interface Option {
  id: string;
  name: string;
}

export function CreateScheduleForm({ action, connections, instances }: { action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState>; connections: Option[]; instances: Option[] }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  const [targetType, setTargetType] = useState('all');
  return (
    <form ref={formRef} onSubmit={onSubmit} className="mb-8 grid gap-3 rounded border border-slate-200 bg-white p-5 text-sm md:grid-cols-4" aria-label="Create a schedule">
      <label>
        <span className="block font-medium">Name</span>
        <input name="name" required className={input} placeholder="nightly production" />
      </label>
      <label>
        <span className="block font-medium">Cron (minute hour day month weekday)</span>
        <input name="cron" required className={`${input} font-mono`} defaultValue="0 3 * * *" />
      </label>
      <label>
        <span className="block font-medium">Time zone (IANA)</span>
        <input name="timezone" className={input} defaultValue="UTC" placeholder="America/Chicago" />
      </label>
      <label>
        <span className="block font-medium">Target</span>
        <select name="targetType" value={targetType} onChange={(e) => setTargetType(e.target.value)} className={input}>
          <option value="all">All self-hosted instances</option>
          <option value="connection">One connection</option>
          <option value="tag">Instances with a tag</option>
          <option value="instance">One instance</option>
        </select>
      </label>
      {targetType === 'connection' ? (
        <label>
          <span className="block font-medium">Connection</span>
          <select name="connectionId" className={input}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {targetType === 'instance' ? (
        <label>
          <span className="block font-medium">Instance</span>
          <select name="instanceId" className={input}>
            {instances.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {targetType === 'tag' ? (
        <label>
          <span className="block font-medium">Tag (key=value)</span>
          <input name="tag" className={input} placeholder="env=production" />
        </label>
      ) : null}
      <div className="flex items-center gap-4 md:col-span-4">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Create schedule
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
