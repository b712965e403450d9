// The results explorer as JSON: GET /api/results?control=&status=&requirement=&from=&to=&page=&size=&sort=&dir=
// (same parameters and limits as /results; auditors only see their access window).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { describeProblems, searchParamsObject } from '@/lib/paging/page-query';
import { listResults } from '@/lib/posture/list-results';
import { resultsQuerySchema } from '@/lib/posture/results-query';
import { viewerWindow } from '@/lib/posture/viewer-window';

export const dynamic = 'force-dynamic';

export const GET = withPermission('results:view', async (request, { user }) => {
  const parsed = resultsQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: describeProblems(parsed.error) }, { status: 400 });
  return NextResponse.json(await listResults(user.organizationId, parsed.data, await viewerWindow(user)));
});
