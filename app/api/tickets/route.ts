// Tickets as JSON: GET /api/tickets?status=&overdue=&q=&assigneeId=&page=&size=&sort=&dir=
// (same parameters and limits as /tickets).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { describeProblems, searchParamsObject } from '@/lib/paging/page-query';
import { listTicketsPage, ticketsQuerySchema } from '@/lib/tickets/list-tickets';

export const dynamic = 'force-dynamic';

export const GET = withPermission('tickets:view', async (request, { user }) => {
  const parsed = ticketsQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: describeProblems(parsed.error) }, { status: 400 });
  return NextResponse.json(await listTicketsPage(user.organizationId, parsed.data, user.id));
});
