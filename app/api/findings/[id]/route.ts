// One finding with its history and exceptions.
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { findFinding } from '@/lib/findings/find-finding';

export const dynamic = 'force-dynamic';

export const GET = withPermission('findings:view', async (_request, { params, user }) => {
  const { id } = await params;
  const finding = await findFinding(user.organizationId, String(id));
  if (!finding) return NextResponse.json({ error: 'No such finding in your organisation.' }, { status: 404 });
  return NextResponse.json({ finding });
});
