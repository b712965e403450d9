// Downloads a built package (audited; auditors only for periods inside their access window).
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { openPackageDownload } from '@/lib/evidence/open-package-download';

export const dynamic = 'force-dynamic';

export const GET = withPermission('evidence:download', async (_request, { params, user }) => {
  const { id } = await params;
  const download = await openPackageDownload(user, String(id));
  if (!download.ok) return NextResponse.json({ error: download.error }, { status: download.status });
  const body = Readable.toWeb(fs.createReadStream(download.file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(download.size),
      'Content-Disposition': `attachment; filename="${download.fileName}"`,
      'Cache-Control': 'no-store',
      // The package's own digest, so a client can check the transfer (lower-case hex SHA-256).
      'X-Content-SHA256': download.sha256,
    },
  });
});
