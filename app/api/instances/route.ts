// The inventory as JSON, a page at a time: GET /api/instances?q=&provider=&platform=&account=&region=&status=&state=&page=&size=&sort=&dir=
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { instancesQuerySchema, listInstancesPage } from '@/lib/inventory/list-instances';
import { describeProblems, searchParamsObject } from '@/lib/paging/page-query';

export const dynamic = 'force-dynamic';

export const GET = withPermission('instances:view', async (request, { user }) => {
  const parsed = instancesQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: describeProblems(parsed.error) }, { status: 400 });
  return NextResponse.json(await listInstancesPage(user.organizationId, parsed.data));
});
