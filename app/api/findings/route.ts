// Findings as JSON: GET /api/findings?state=&severity=&overdue=yes&control=&instanceId=&q=&assigneeId=&page=&size=&sort=&dir=
// (same parameters and limits as /findings).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { findingsQuerySchema, listFindingsPage } from '@/lib/findings/list-findings';
import { describeProblems, searchParamsObject } from '@/lib/paging/page-query';

export const dynamic = 'force-dynamic';

export const GET = withPermission('findings:view', async (request, { user }) => {
  const parsed = findingsQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: describeProblems(parsed.error) }, { status: 400 });
  return NextResponse.json(await listFindingsPage(user.organizationId, parsed.data, user.id));
});
