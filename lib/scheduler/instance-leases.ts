// One scan per instance at a time, across every process sharing the database (app, workers): a run
// holds a lease row per instance in its scope, renews it while alive, and releases it at the end.
// A crashed holder's leases expire and may then be taken over. All-or-nothing: a run never holds
// some of its instances while waiting for others. (A cloud run also leases "connection:<id>".)
import { db } from '../db/client';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'P2002' || /unique constraint|UNIQUE constraint failed|duplicate key/i.test(e?.message ?? '');
}

export async function acquireInstanceLeases(runId: string, instanceIds: string[], holder: string, leaseMs: number, now = new Date()): Promise<boolean> {
  try {
    await db().$transaction(async (tx) => {
      await tx.instanceScanLease.deleteMany({ where: { instanceId: { in: instanceIds }, expiresAt: { lt: now } } });
      await tx.instanceScanLease.createMany({ data: instanceIds.map((instanceId) => ({ instanceId, runId, holder, expiresAt: new Date(now.getTime() + leaseMs) })) });
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Extends this holder's leases for the run and records the run's heartbeat. */
export async function renewInstanceLeases(runId: string, holder: string, leaseMs: number, now = new Date()): Promise<number> {
  const { count } = await db().instanceScanLease.updateMany({ where: { runId, holder }, data: { expiresAt: new Date(now.getTime() + leaseMs) } });
  await db().scanRun.update({ where: { id: runId }, data: { heartbeatAt: now } });
  return count;
}

export async function releaseInstanceLeases(runId: string, holder: string): Promise<void> {
  await db().instanceScanLease.deleteMany({ where: { runId, holder } });
}
