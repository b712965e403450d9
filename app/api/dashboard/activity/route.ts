// Live progress of scans and evidence packages: GET /api/dashboard/activity (polled by the dashboards).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { liveActivity } from '@/lib/posture/live-activity';

export const dynamic = 'force-dynamic';

export const GET = withPermission('dashboard:view', async (_request, { user }) => {
  return NextResponse.json(await liveActivity(user.organizationId, { packages: can(user.role, 'evidence:view') }));
});
