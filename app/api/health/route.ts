// Liveness and database reachability, for load balancers and the start script. Public; reveals nothing.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await db().organization.count();
    return NextResponse.json({ status: 'ok' });
  } catch {
    return NextResponse.json({ status: 'error', reason: 'database unreachable' }, { status: 503 });
  }
}
