// One writer of an organisation's rollup rows at a time. On PostgreSQL a transaction-scoped
// advisory lock (two concurrent stores would otherwise both copy the previous day forward); SQLite
// already runs one write transaction at a time.
import type { Prisma } from '../db/client';
import { databaseTarget } from '../db/target';

/** First key of the two-key advisory lock: "posture rollups", distinct from other app locks. */
const POSTURE_LOCK_SPACE = 7270;

export async function lockOrganizationPosture(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  if (databaseTarget().engine !== 'postgresql') return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POSTURE_LOCK_SPACE}::int, hashtext(${organizationId}))`;
}
