// Creates a scan run for a set of instances and executes it in this process (the embedded
// default; the scheduler issue adds queued workers). Returns at once with the run id.
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { logger } from '../log/logger';
import { executeScanRun } from './execute-scan-run';

export type ScanTrigger = 'manual' | 'schedule' | 'demo' | 'cli';

export interface StartScanInput {
  organizationId: string;
  instanceIds?: string[];
  trigger: ScanTrigger;
  requestedById?: string;
}

export async function startScanRun(actor: AuditActor | null, input: StartScanInput, options: { wait?: boolean } = {}) {
  const instances = await db().instance.findMany({
    where: { organizationId: input.organizationId, goneAt: null, platform: 'self', ...(input.instanceIds ? { id: { in: input.instanceIds } } : {}) },
    select: { id: true },
  });
  if (input.instanceIds && instances.length !== input.instanceIds.length) {
    throw new Error('Some of the requested instances do not exist in this organisation or cannot be scanned here (cloud resources are scanned per account).');
  }
  if (instances.length === 0) throw new Error('There is nothing to scan: add a self-hosted target first.');
  const run = await db().scanRun.create({
    data: {
      organizationId: input.organizationId,
      trigger: input.trigger,
      requestedById: input.requestedById ?? null,
      scope: { instanceIds: instances.map((i) => i.id) },
      status: 'queued',
      progressTotal: instances.length,
      errors: [],
    },
  });
  await recordAudit(actor, { action: 'scan.start', targetType: 'scan-run', targetId: run.id, outcome: 'success', detail: { instances: instances.length, trigger: input.trigger } });
  const execution = executeScanRun(run.id);
  if (options.wait) await execution;
  else execution.catch((err) => logger.error({ err, scanRunId: run.id }, 'scan run failed'));
  return run;
}
