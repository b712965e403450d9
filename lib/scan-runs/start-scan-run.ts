// Creates a scan run for a set of instances and hands it to the scheduler (this process by default,
// a BullMQ worker when QUEUE_REDIS_URL is set). Returns at once with the run id (or, with `wait`,
// after the run has ended in this process).
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { startCloudScan } from '../cloud-scans/start-cloud-scan';
import { dispatchScanRun } from '../scheduler/dispatch-scan-run';

export type ScanTrigger = 'manual' | 'schedule' | 'demo' | 'cli';

export interface StartScanInput {
  organizationId: string;
  instanceIds?: string[];
  /** A cloud connection (AWS account / Google projects): collects its inventory, then assesses every resource. */
  connectionId?: string;
  trigger: ScanTrigger;
  requestedById?: string;
}

export async function startScanRun(actor: AuditActor | null, input: StartScanInput, options: { wait?: boolean } = {}) {
  if (input.connectionId) return startCloudScan(actor, { ...input, connectionId: input.connectionId }, options);
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
  await dispatchScanRun(run.id, { wait: options.wait });
  return run;
}
