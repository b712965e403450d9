// The organisation's active evidence-signing public key as public-key.pem (for `verify --public-key`).
import { NextResponse } from 'next/server';
import { withPermission } from '@/lib/auth/guard';
import { listSigningKeys } from '@/lib/evidence/signing-key';

export const dynamic = 'force-dynamic';

export const GET = withPermission('evidence:view', async (_request, { user }) => {
  const active = (await listSigningKeys(user.organizationId)).find((k) => k.active);
  if (!active) return NextResponse.json({ error: 'No signing key yet: it is generated when the first evidence package is built.' }, { status: 404 });
  return new Response(active.publicKeyPem, {
    headers: { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': 'attachment; filename="public-key.pem"', 'X-Key-Fingerprint': active.fingerprint, 'Cache-Control': 'no-store' },
  });
});
