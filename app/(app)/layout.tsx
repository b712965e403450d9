import type { ReactNode } from 'react';
import { AppHeader } from '@/components/shell/app-header';
import { sessionState } from '@/lib/auth/guard';
import { idleTimeoutMinutesFor } from '@/lib/auth/sessions';

// The shell only draws navigation; every page checks its own permission (a layout does not run
// for every request).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const s = await sessionState();
  return (
    <>
      {s.state === 'ok' ? <AppHeader user={s.user} idleTimeoutMinutes={await idleTimeoutMinutesFor(s.user.organizationId)} /> : null}
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </>
  );
}
