import { redirect } from 'next/navigation';
import { sessionState } from '@/lib/auth/guard';
import { HOME_BY_ROLE } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const s = await sessionState();
  if (s.state !== 'ok') redirect(s.state === 'refused' ? `/signin?error=${encodeURIComponent(s.reason)}` : '/signin');
  redirect(HOME_BY_ROLE[s.user.role]);
}
