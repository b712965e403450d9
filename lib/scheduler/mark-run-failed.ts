// Ends a run that cannot be completed (retries exhausted): what was stored stays (each instance was
// stored with its findings in one transaction); the instances never scanned are named in its errors.
import { db } from '../db/client';
import { FINISHED_RUN_STATUSES } from './settings';

export async function markRunFailed(runId: string, reason: string): Promise<void> {
  const run = await db().scanRun.findUnique({ where: { id: runId } });
  if (!run || FINISHED_RUN_STATUSES.includes(run.status)) return;
  const { instanceIds } = run.scope as { instanceIds: string[] };
  const stored = new Set((await db().controlResult.findMany({ where: { scanRunId: runId }, distinct: ['instanceId'], select: { instanceId: true } })).map((r) => r.instanceId));
  const previous = ((run.errors as { instanceId: string; error: string }[] | null) ?? []).filter((e) => stored.has(e.instanceId));
  const missing = instanceIds.filter((id) => !stored.has(id)).map((instanceId) => ({ instanceId, error: `not scanned: ${reason}` }));
  await db().scanRun.updateMany({
    where: { id: runId, status: { notIn: [...FINISHED_RUN_STATUSES] } },
    data: { status: stored.size > 0 ? 'partial' : 'failed', errors: [...previous, ...missing], finishedAt: new Date(), progressDone: stored.size },
  });
}
