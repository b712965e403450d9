// One ticket with its findings and history.
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { findTicket } from '@/lib/tickets/list-tickets';

export const dynamic = 'force-dynamic';

export const GET = withPermission('tickets:view', async (_request, { params, user }) => {
  const { id } = await params;
  const ticket = await findTicket(user.organizationId, String(id));
  if (!ticket) return NextResponse.json({ error: 'No such ticket in your organisation.' }, { status: 404 });
  return NextResponse.json({ ticket });
});
