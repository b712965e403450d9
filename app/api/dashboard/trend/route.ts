// Posture trend for the dashboard chart: GET /api/dashboard/trend?days=30|90|365 (rollups only;
// auditors get the part of the range inside their access window).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { describeProblems, searchParamsObject } from '@/lib/paging/page-query';
import { postureTrend } from '@/lib/posture/posture-trend';
import { trendQuerySchema, viewerTrendRange } from '@/lib/posture/trend-query';
import { viewerWindow } from '@/lib/posture/viewer-window';

export const dynamic = 'force-dynamic';

export const GET = withPermission('dashboard:view', async (request, { user }) => {
  const parsed = trendQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: describeProblems(parsed.error) }, { status: 400 });
  const range = viewerTrendRange(parsed.data.days, await viewerWindow(user));
  if (!range) return NextResponse.json({ error: 'Your access window holds none of this range.' }, { status: 403 });
  return NextResponse.json({ days: parsed.data.days, ...range, points: await postureTrend(user.organizationId, range) });
});
