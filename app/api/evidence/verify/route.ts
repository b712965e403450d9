// Verifies an uploaded package (the request body is the .zip) against the organisation's keys.
// Always answers with a verification report; a file that is not a package gets ok: false and
// the reason, like any other package that does not verify.
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { receiveUpload, UploadTooLargeError } from '@/lib/evidence/receive-upload';
import { verifyForOrganization } from '@/lib/evidence/verify-for-organization';

export const dynamic = 'force-dynamic';

export const POST = withPermission('evidence:view', async (request, { user }) => {
  let upload: Awaited<ReturnType<typeof receiveUpload>>;
  try {
    upload = await receiveUpload(request.body);
  } catch (err) {
    if (err instanceof UploadTooLargeError) return NextResponse.json({ error: err.message }, { status: 413 });
    throw err;
  }
  try {
    return NextResponse.json(await verifyForOrganization(user.organizationId, upload.file));
  } finally {
    await upload.cleanup();
  }
});
