'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore, type FormEvent } from 'react';

export function SignInForm({ initialError, oidcName }: { initialError?: string; oidcName?: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  // Until React has taken over, a click would submit the form natively; keep it disabled (and POST,
  // so credentials could never end up in a URL).
  const ready = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      otp: String(form.get('otp') ?? ''),
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Wrong e-mail address or password.');
      return;
    }
    router.replace('/');
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form method="post" onSubmit={onSubmit} data-ready={ready ? 'true' : undefined} className="space-y-4" aria-describedby={error ? 'signin-error' : undefined}>
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            E-mail
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="otp" className="block text-sm font-medium">
            Authenticator code <span className="font-normal text-slate-600">(only if you set up a second factor)</span>
          </label>
          <input id="otp" name="otp" inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="mt-1 w-40 rounded border border-slate-400 px-3 py-2 font-mono" />
        </div>
        {error ? (
          <p id="signin-error" role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={pending || !ready} className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcName ? (
        <button type="button" onClick={() => signIn('oidc', { callbackUrl: '/' })} className="w-full rounded border border-slate-400 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          Sign in with {oidcName}
        </button>
      ) : null}
    </div>
  );
}
