'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';
import type { Enrolment } from '@/lib/auth/totp';

type Action = (prev: ActionFormState, form: FormData) => Promise<ActionFormState>;

function CodeForm({ action, label, button }: { action: Action; label: string; button: string }) {
  const router = useRouter();
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-3" aria-label={label}>
      <label className="text-sm">
        <span className="block font-medium">{label}</span>
        <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6} className="mt-1 w-32 rounded border border-slate-400 px-2 py-1 font-mono" />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
        {button}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function TotpSetup({ enabled, begin, confirm, disable }: { enabled: boolean; begin: () => Promise<{ ok: true; enrolment: Enrolment } | { ok: false; error: string }>; confirm: Action; disable: Action }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (enabled) return <CodeForm action={disable} label="Current code, to turn the second factor off" button="Turn off" />;
  return (
    <div>
      {enrolment ? (
        <div className="mt-3 space-y-2">
          <p className="text-sm">Scan this code with an authenticator app (or type the secret), then enter the code it shows.</p>
          {/* The SVG is generated server-side by the qrcode library from our own otpauth URI. */}
          <div className="h-48 w-48 bg-white" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
          <p className="text-sm">
            Secret: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <CodeForm action={confirm} label="Code from the app" button="Turn on" />
        </div>
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await begin();
              if (result.ok) setEnrolment(result.enrolment);
              else setError(result.error);
            })
          }
          className="mt-3 rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60"
        >
          Set up an authenticator app
        </button>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
