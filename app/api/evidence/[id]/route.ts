// Build progress of one evidence package (polled by the Evidence page while it builds).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { evidencePackageProgress } from '@/lib/evidence/evidence-package-progress';

export const dynamic = 'force-dynamic';

export const GET = withPermission('evidence:view', async (_request, { params, user }) => {
  const { id } = await params;
  const progress = await evidencePackageProgress(user.organizationId, String(id));
  if (!progress) return NextResponse.json({ error: 'No such evidence package in your organisation.' }, { status: 404 });
  return NextResponse.json(progress);
});
