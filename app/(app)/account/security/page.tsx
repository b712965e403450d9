import { TotpSetup } from '@/components/account/totp-setup';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { db } from '@/lib/db/client';
import { beginTotpAction, confirmTotpAction, disableTotpAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function AccountSecurityPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const user = await requirePage('account:manage');
  const { required } = await searchParams;
  const account = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  return (
    <>
      <PageTitle title="Account security">Your sign-in: {user.email}</PageTitle>
      {required || user.mustEnrolTotp ? (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your organisation requires a second factor for your role. Set it up to continue.
        </p>
      ) : null}
      <section className="rounded border border-slate-200 bg-white p-5" aria-labelledby="totp-heading">
        <h2 id="totp-heading" className="font-medium">
          Second factor (authenticator app)
        </h2>
        <p className="mt-1 text-sm text-slate-700" data-testid="totp-status">
          {account.totpEnabledAt ? `On since ${account.totpEnabledAt.toISOString().slice(0, 10)}.` : 'Off.'}
        </p>
        <TotpSetup enabled={Boolean(account.totpEnabledAt)} begin={beginTotpAction} confirm={confirmTotpAction} disable={disableTotpAction} />
      </section>
    </>
  );
}
