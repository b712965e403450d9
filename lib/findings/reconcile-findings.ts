// Derives findings from one instance's stored control results, inside the transaction that stores
// them (lib/scan-runs/execute-scan-run.ts): results and findings commit together or not at all, and
// re-running it for the same results changes nothing (planFindingChange skips results that are not
// newer than the last one reconciled).
import type { Prisma } from '../db/client';
import { organizationThresholds } from '../scan-runs/organization-thresholds';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event';
import { findingPayload } from './finding-payload';
import type { FindingState } from './lifecycle';
import { planFindingChange, type ObservedResult } from './plan-finding-change';

export interface ReconcileInput {
  scanRunId: string;
  instanceId: string;
  evaluatedAt: Date;
  results: ObservedResult[];
}

export interface ReconcileSummary {
  opened: number;
  reopened: number;
  resolved: number;
}

type Tx = Prisma.TransactionClient;

export async function reconcileFindings(tx: Tx, input: ReconcileInput): Promise<ReconcileSummary> {
  const instance = await tx.instance.findUniqueOrThrow({ where: { id: input.instanceId }, select: { organizationId: true, name: true, organization: { select: { settings: true } } } });
  const sla = organizationThresholds(instance.organization.settings).remediationSlaDays;
  const summary: ReconcileSummary = { opened: 0, reopened: 0, resolved: 0 };
  const existing = new Map(
    (await tx.finding.findMany({ where: { instanceId: input.instanceId, controlId: { in: input.results.map((r) => r.controlId) } } })).map((f) => [f.controlId, f]),
  );
  const at = input.evaluatedAt;

  for (const result of input.results) {
    let current = existing.get(result.controlId) ?? null;
    // A person may move the finding while this transaction runs: the update only applies to the
    // state it was planned from, else it is planned again from what is stored now.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const change = planFindingChange(current ? { ...current, state: current.state as FindingState } : null, result, at, sla);
      if (change.kind === 'none') break;

      if (change.kind === 'create') {
        const finding = await tx.finding.create({
          data: {
            organizationId: instance.organizationId,
            instanceId: input.instanceId,
            controlId: result.controlId,
            severity: change.severity,
            state: change.state,
            firstDetectedAt: at,
            lastDetectedAt: at,
            lastVerifiedAt: at,
            dueAt: change.dueAt,
            lastStatus: result.status,
            lastEvaluatedAt: at,
            lastScanRunId: input.scanRunId,
          },
        });
        await tx.findingEvent.create({ data: { findingId: finding.id, kind: 'detected', toState: 'open', scanRunId: input.scanRunId, detail: { status: result.status, severity: change.severity }, at } });
        await queueWebhookEvent(tx, instance.organizationId, 'finding.opened', { ...findingPayload(finding, instance.name), reopened: false }, at);
        summary.opened += 1;
        break;
      }

      const f = current!;
      const { count } = await tx.finding.updateMany({
        where: { id: f.id, state: f.state, lastEvaluatedAt: f.lastEvaluatedAt },
        data: {
          ...(change.to !== change.from ? { state: change.to } : {}),
          severity: change.severity,
          lastStatus: result.status,
          lastEvaluatedAt: at,
          lastScanRunId: input.scanRunId,
          ...(change.verified ? { lastVerifiedAt: at } : {}),
          ...(change.detected ? { lastDetectedAt: at } : {}),
          ...(change.to === 'resolved' && change.from !== 'resolved' ? { resolvedAt: at } : {}),
          ...(change.to === 'reopened' && change.from === 'resolved' ? { resolvedAt: null, overdueNotifiedAt: null } : {}),
        },
      });
      if (count === 0) {
        current = await tx.finding.findUnique({ where: { id: f.id } });
        continue;
      }
      const event = { findingId: f.id, scanRunId: input.scanRunId, at };
      if (change.severity !== f.severity) {
        await tx.findingEvent.create({ data: { ...event, kind: 'severity_change', comment: `Severity ${f.severity} → ${change.severity}; the due date stays ${f.dueAt.toISOString().slice(0, 10)}.`, detail: { from: f.severity, to: change.severity } } });
      }
      if (change.from !== change.to) {
        await tx.findingEvent.create({ data: { ...event, kind: 'state_change', fromState: change.from, toState: change.to, detail: { status: result.status } } });
        const payload = findingPayload({ ...f, state: change.to, severity: change.severity }, instance.name);
        if (change.to === 'resolved') {
          await queueWebhookEvent(tx, instance.organizationId, 'finding.resolved', payload, at);
          summary.resolved += 1;
        } else if (change.to === 'reopened') {
          await queueWebhookEvent(tx, instance.organizationId, 'finding.opened', { ...payload, reopened: true }, at);
          summary.reopened += 1;
        }
      } else if (change.lostVerification) {
        await tx.findingEvent.create({ data: { ...event, kind: 'not_verified', detail: { status: result.status } } });
      }
      break;
    }
  }
  return summary;
}
