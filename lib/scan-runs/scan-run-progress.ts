import { db } from '../db/client';
import type { KeyspaceProgressEntry, ScanRunProgressDetail } from './keyspace-progress';

export interface ScanRunProgress {
  id: string;
  status: string;
  done: number;
  total: number;
  finishedAt: string | null;
  errors: { instance: string; error: string }[];
  /** Keyspace audits in flight: keys scanned of the keys counted at their start. */
  keyspace: KeyspaceProgressEntry[];
}

export async function scanRunProgress(organizationId: string, runId: string): Promise<ScanRunProgress | null> {
  const run = await db().scanRun.findFirst({ where: { id: runId, organizationId } });
  if (!run) return null;
  const errors = (run.errors as { instanceId: string; error: string }[]) ?? [];
  const names = new Map(
    (await db().instance.findMany({ where: { id: { in: errors.map((e) => e.instanceId) } }, select: { id: true, name: true } })).map((i) => [i.id, i.name]),
  );
  return {
    id: run.id,
    status: run.status,
    done: run.progressDone,
    total: run.progressTotal,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    errors: errors.map((e) => ({ instance: names.get(e.instanceId) ?? e.instanceId, error: e.error })),
    keyspace: run.status === 'running' ? ((run.progressDetail as ScanRunProgressDetail | null)?.keyspace ?? []) : [],
  };
}
