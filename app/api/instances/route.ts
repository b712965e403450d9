// Inventory as JSON for scripts and the UI's client-side views.
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { listInstances } from '@/lib/inventory/list-instances';

export const dynamic = 'force-dynamic';

export const GET = withPermission('instances:view', async (_request, { user }) => {
  return NextResponse.json({ instances: await listInstances(user.organizationId) });
});
