import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/signin-form';
import { sessionState } from '@/lib/auth/guard';
import { oidcProvider } from '@/lib/auth/oidc';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const s = await sessionState();
  if (s.state === 'ok') redirect('/');
  const oidc = oidcProvider();
  const message = s.state === 'refused' ? s.reason : error && error !== 'CredentialsSignin' && error !== 'SessionRequired' ? error : undefined;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <h1 className="text-2xl font-semibold">Redis Compliance Dashboard</h1>
      <p className="mt-2 mb-8 text-slate-700">Sign in to see the HIPAA and HITRUST posture of your Redis and Valkey fleet.</p>
      <SignInForm initialError={message} oidcName={oidc ? String(oidc.name) : undefined} />
    </main>
  );
}
