// Findings as JSON for scripts and integrations, with the list page's filters as query parameters
// (state, severity, overdue=yes, assigneeId, instanceId).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { findingFiltersSchema, listFindings } from '@/lib/findings/list-findings';

export const dynamic = 'force-dynamic';

export const GET = withPermission('findings:view', async (request, { user }) => {
  const parsed = findingFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return NextResponse.json({ error: `${issue.path.join('.')}: ${issue.message}` }, { status: 400 });
  }
  return NextResponse.json({ findings: await listFindings(user.organizationId, parsed.data) });
});
