// Tickets as JSON (status=active|open|in_progress|closed).
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withPermission } from '@/lib/auth/guard';
import { listTickets } from '@/lib/tickets/list-tickets';

export const dynamic = 'force-dynamic';

const query = z.object({ status: z.enum(['active', 'open', 'in_progress', 'closed']).default('active') });

export const GET = withPermission('tickets:view', async (request, { user }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: 'status: use one of active, open, in_progress, closed' }, { status: 400 });
  return NextResponse.json({ tickets: await listTickets(user.organizationId, parsed.data) });
});
