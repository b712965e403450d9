// Live progress of a scan run (polled by the "Scan now" button).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { scanRunProgress } from '@/lib/scan-runs/scan-run-progress';

export const dynamic = 'force-dynamic';

export const GET = withPermission('results:view', async (_request, { params, user }) => {
  const { id } = await params;
  const progress = await scanRunProgress(user.organizationId, String(id));
  if (!progress) return NextResponse.json({ error: 'No such scan run in your organisation.' }, { status: 404 });
  return NextResponse.json(progress);
});
