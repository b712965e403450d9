'use client';

// A small server-action form: hidden fields, the visible inputs given as children, one submit button,
// and the action's message or refusal beside it (input is kept on refusal).
import type { ReactNode } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

export type FormAction = (prev: ActionFormState, form: FormData) => Promise<ActionFormState>;

export function ActionForm({
  action,
  hidden,
  submitLabel,
  label,
  children,
  tone = 'primary',
  className = '',
}: {
  action: FormAction;
  hidden: Record<string, string>;
  submitLabel: string;
  label: string;
  children?: ReactNode;
  tone?: 'primary' | 'secondary' | 'danger';
  className?: string;
}) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  const button = {
    primary: 'bg-sky-800 text-white hover:bg-sky-900',
    secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-50',
    danger: 'bg-red-800 text-white hover:bg-red-900',
  }[tone];
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={label} className={`flex flex-col gap-2 text-sm ${className}`}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={`self-start rounded px-3 py-1.5 font-medium disabled:opacity-60 ${button}`}>
          {submitLabel}
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export const inputClass = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';
