import Link from 'next/link';
import type { AppUser } from '@/lib/auth/guard';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { navFor } from './nav-items';
import { IdleLogout } from './idle-logout';
import { SignOutButton } from './sign-out-button';

export function AppHeader({ user, idleTimeoutMinutes }: { user: AppUser; idleTimeoutMinutes: number }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <IdleLogout minutes={idleTimeoutMinutes} />
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-6 px-6 py-3">
        <Link href="/" className="font-semibold text-sky-900">
          Redis Compliance
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
          {navFor(user.role).map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-700 hover:text-sky-800 hover:underline">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span>
            <span className="font-medium">{user.name}</span> · <span data-testid="current-role">{ROLE_LABELS[user.role]}</span>
            {user.validUntil ? <span className="text-slate-600"> · access until {user.validUntil.toISOString().slice(0, 10)}</span> : null}
          </span>
          <Link href="/account/security" className="text-sky-800 underline">
            Account
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
