// Download of a record's or drill's attachment: scoped to the caller's organisation, bytes checked
// against the SHA-256 recorded at upload, every download in the audit log.
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { openAttachment } from '@/lib/records/open-attachment';

export const dynamic = 'force-dynamic';

export const GET = withPermission('records:view', async (_request, { params, user }) => {
  const { id } = await params;
  const opened = await openAttachment(user, String(id));
  if (!opened.ok) return NextResponse.json({ error: opened.error }, { status: opened.status });
  return new Response(new Uint8Array(opened.bytes), {
    headers: {
      'Content-Type': opened.mediaType,
      'Content-Length': String(opened.bytes.byteLength),
      'Content-Disposition': `attachment; filename="${opened.filename}"`,
      'Repr-Digest': `sha-256=:${Buffer.from(opened.sha256, 'hex').toString('base64')}:`,
      'Cache-Control': 'private, no-store',
    },
  });
});
