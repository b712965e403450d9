'use client';

// The "record a process record" form: the kind chooses the fields (from lib/records/record-kinds.ts),
// the scope chooses what it covers; a document can be attached (hashed on upload). A correction is
// a new version that supersedes an earlier record of the same kind.
import { useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';
import type { FieldSpec, RecordKind, RecordKindSpec } from '@/lib/records/record-kinds';

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';

function Field({ field }: { field: FieldSpec }) {
  const label = <span className="block font-medium">{field.label}</span>;
  switch (field.type) {
    case 'boolean':
      return (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={field.name} /> {field.label}
        </label>
      );
    case 'select':
      return (
        <label className="text-sm">
          {label}
          <select name={field.name} className={input}>
            {field.options.map((o) => (
              <option key={o} value={o}>{o}</option>
            ))}
          </select>
        </label>
      );
    case 'list':
      return (
        <label className="text-sm">
          {label}
          <textarea name={field.name} rows={2} required={field.required} className={input} placeholder={field.placeholder ?? 'one per line or comma-separated'} />
        </label>
      );
    case 'decisions':
      return (
        <label className="text-sm md:col-span-2">
          {label}
          <textarea name={field.name} rows={4} className={`${input} font-mono text-xs`} placeholder={'app: keep\nvendor-debug: remove'} />
        </label>
      );
    case 'date':
      return (
        <label className="text-sm">
          {label}
          <input name={field.name} type={field.withTime ? 'datetime-local' : 'date'} required={field.required} className={input} />
        </label>
      );
    case 'number':
      return (
        <label className="text-sm">
          {label}
          <input name={field.name} type="number" min={field.min} max={field.max} required={field.required} className={input} />
        </label>
      );
    case 'text':
      return (
        <label className="text-sm">
          {label}
          <input name={field.name} required={field.required} className={input} placeholder={field.placeholder} />
        </label>
      );
  }
}

export interface RecordFormProps {
  action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState>;
  kinds: Record<RecordKind, RecordKindSpec>;
  instances: { id: string; name: string }[];
  connections: { id: string; name: string }[];
  reviewers: { id: string; email: string }[];
  current: { id: string; kind: RecordKind; title: string }[];
}

export function RecordForm({ action, kinds, instances, connections, reviewers, current }: RecordFormProps) {
  const [kind, setKind] = useState<RecordKind>('dr_plan');
  const [scopeType, setScopeType] = useState('organization');
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  const spec = kinds[kind];
  const scopeOptions = scopeType === 'instance' ? instances : scopeType === 'connection' ? connections : [];
  const versions = current.filter((r) => r.kind === kind);
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Record a process record" className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-3">
      <label className="text-sm">
        <span className="block font-medium">Kind</span>
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as RecordKind)} className={input}>
          {(Object.keys(kinds) as RecordKind[]).map((k) => (
            <option key={k} value={k}>{kinds[k].label}</option>
          ))}
        </select>
        <span className="mt-1 block text-xs text-slate-600">
          {spec.hint} Read by {spec.controls.join(', ')}.
        </span>
      </label>
      <label className="text-sm">
        <span className="block font-medium">Title</span>
        <input name="title" required className={input} placeholder={`${spec.label} 2026`} />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Applies to</span>
        <select name="scopeType" value={scopeType} onChange={(e) => setScopeType(e.target.value)} className={input}>
          <option value="organization">Whole organisation</option>
          <option value="connection">One connection (account / project / target)</option>
          <option value="instance">One instance</option>
        </select>
      </label>
      {scopeType !== 'organization' ? (
        <label className="text-sm">
          <span className="block font-medium">{scopeType === 'instance' ? 'Instance' : 'Connection'}</span>
          <select name="scopeId" className={input}>
            {scopeOptions.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="text-sm">
        <span className="block font-medium">Reviewer / approver</span>
        <select name="reviewerId" className={input}>
          <option value="">— not recorded —</option>
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>{r.email}</option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium">Approved on</span>
        <input name="approvedAt" type="date" required className={input} />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Expires on (optional)</span>
        <input name="expiresAt" type="date" className={input} />
      </label>
      {versions.length ? (
        <label className="text-sm">
          <span className="block font-medium">Supersedes (new version of)</span>
          <select name="supersedesId" className={input}>
            <option value="">— a new record —</option>
            {versions.map((r) => (
              <option key={r.id} value={r.id}>{r.title}</option>
            ))}
          </select>
        </label>
      ) : null}
      <fieldset className="grid gap-3 rounded border border-slate-200 p-3 md:col-span-3 md:grid-cols-2" key={kind}>
        <legend className="px-1 text-sm font-medium">{spec.label}</legend>
        {spec.fields.map((f) => (
          <Field key={f.name} field={f} />
        ))}
      </fieldset>
      <label className="text-sm md:col-span-2">
        <span className="block font-medium">Notes</span>
        <textarea name="notes" rows={2} className={input} />
      </label>
      <label className="text-sm">
        <span className="block font-medium">Document (≤ 10 MB; SHA-256 recorded)</span>
        <input name="file" type="file" className="mt-1 w-full text-sm" />
      </label>
      <div className="flex items-center gap-4 md:col-span-3">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Save record
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
