'use client';

import { useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { useKeptForm, type ActionFormState } from '@/components/ui/use-kept-form';

const input = 'mt-1 w-full rounded border border-slate-400 px-2 py-1';

export function AddAwsConnectionForm({ action }: { action: (prev: ActionFormState, form: FormData) => Promise<ActionFormState> }) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action);
  const [auth, setAuth] = useState<'default' | 'profile' | 'keys'>('keys');
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 rounded border border-slate-200 bg-white p-5 md:grid-cols-2" aria-label="Add an AWS account">
      <label className="text-sm">
        <span className="block font-medium">Name</span>
        <input name="name" required className={input} placeholder="aws-prod" />
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Credentials of the scanner</legend>
        {(
          [
            ['keys', 'Access keys (stored encrypted)'],
            ['profile', 'Named profile on the server'],
            ['default', 'Server default chain (instance role, environment)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="mr-4 inline-flex items-center gap-1">
            <input type="radio" name="auth" value={value} checked={auth === value} onChange={() => setAuth(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {auth === 'keys' ? (
        <>
          <label className="text-sm">
            <span className="block font-medium">Access key id</span>
            <input name="accessKeyId" className={input} placeholder="AKIA…" autoComplete="off" />
          </label>
          <label className="text-sm">
            <span className="block font-medium">Secret access key (stored encrypted, never shown again)</span>
            <input name="secretAccessKey" type="password" className={input} autoComplete="new-password" />
          </label>
          <label className="text-sm">
            <span className="block font-medium">Session token (temporary keys only)</span>
            <input name="sessionToken" type="password" className={input} autoComplete="off" />
          </label>
        </>
      ) : null}
      {auth === 'profile' ? (
        <label className="text-sm">
          <span className="block font-medium">Profile name</span>
          <input name="profile" className={input} placeholder="audit" />
        </label>
      ) : null}
      <label className="text-sm">
        <span className="block font-medium">Regions (comma or space separated; empty = every enabled region)</span>
        <input name="regions" className={input} placeholder="us-east-1, eu-west-1" />
      </label>
      <label className="text-sm md:col-span-2">
        <span className="block font-medium">Roles in other accounts: one per line, the role ARN then its ExternalId</span>
        <textarea name="roles" rows={2} className={`${input} font-mono text-xs`} placeholder="arn:aws:iam::222222222222:role/redis-compliance-scanner ext-7f3a9c" />
      </label>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" name="skipBaseAccount" />
        Scan only the role accounts, not the credentials&apos; own account
      </label>
      <label className="text-sm">
        <span className="block font-medium">Endpoint override (optional, e.g. a VPC endpoint or a local emulator)</span>
        <input name="endpoint" className={input} placeholder="https://elasticache.us-east-1.amazonaws.com" />
      </label>
      <div className="flex items-center gap-4 md:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Add AWS account
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
