// Creates the scan run of one cloud connection and hands it to the scheduler. Its scope names the
// connection and the instances known so far (the scheduler leases them; new ones are found by the run).
import { recordAudit, type AuditActor } from '@/lib/audit-log/record-audit';
import { db } from '@/lib/db/client';
import { dispatchScanRun } from '@/lib/scheduler/dispatch-scan-run';

export interface StartCloudScanInput {
  organizationId: string;
  connectionId: string;
  trigger: 'manual' | 'schedule' | 'demo' | 'cli';
  requestedById?: string;
}

export async function startCloudScan(actor: AuditActor | null, input: StartCloudScanInput, options: { wait?: boolean } = {}) {
  const connection = await db().connection.findFirst({ where: { id: input.connectionId, organizationId: input.organizationId }, select: { id: true, kind: true, name: true } });
  if (!connection) throw new Error('That connection does not exist in this organisation.');
  if (connection.kind !== 'aws' && connection.kind !== 'gcp') throw new Error(`${connection.name} is a self-hosted target: scan its instance instead.`);
  const known = await db().instance.findMany({ where: { organizationId: input.organizationId, connectionId: connection.id, goneAt: null }, select: { id: true } });
  const run = await db().scanRun.create({
    data: {
      organizationId: input.organizationId,
      trigger: input.trigger,
      requestedById: input.requestedById ?? null,
      scope: { connectionId: connection.id, instanceIds: known.map((i) => i.id) },
      status: 'queued',
      progressTotal: Math.max(known.length, 1),
      errors: [],
    },
  });
  await recordAudit(actor, { action: 'scan.start', targetType: 'scan-run', targetId: run.id, outcome: 'success', detail: { connection: connection.name, kind: connection.kind, knownInstances: known.length, trigger: input.trigger } });
  await dispatchScanRun(run.id, { wait: options.wait });
  return run;
}
