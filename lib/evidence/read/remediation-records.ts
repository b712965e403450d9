// Findings, their remediation history (finding and ticket events), SLA and risk exceptions, as
// they stood at the end of the period — rebuilt from dated events so that a later change to a
// finding does not change the package of a closed period.
import { db } from '../../db/client';
import type { EvidencePeriod } from '../period';

export interface HistoryEntry {
  at: Date;
  source: 'finding' | 'ticket';
  kind: string;
  from: string | null;
  to: string | null;
  actor: string | null;
  comment: string | null;
}

export interface ExceptionRecord {
  id: string;
  findingId: string;
  controlId: string;
  instanceName: string;
  statusAtPeriodEnd: string;
  reason: string;
  compensatingControl: string;
  requestedBy: string;
  approvedBy: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
  expiresAt: Date;
}

export type SlaStatus = 'met' | 'breached' | 'within SLA' | 'risk accepted';

export interface FindingRecord {
  id: string;
  controlId: string;
  instanceId: string;
  instanceName: string;
  severity: string;
  firstDetectedAt: Date;
  dueAt: Date;
  resolvedAt: Date | null;
  stateAtPeriodEnd: string;
  sla: SlaStatus;
  ticket: { id: string; title: string; status: string; createdAt: Date; closedAt: Date | null } | null;
  history: HistoryEntry[];
  exceptions: ExceptionRecord[];
}

const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();

function exceptionStateAt(e: { status: string; decidedAt: Date | null; expiresAt: Date }, end: Date): string {
  if (!e.decidedAt || e.decidedAt >= end) return 'requested';
  if (e.status === 'approved' && e.expiresAt < end) return 'expired';
  return e.status;
}

function ticketAt(t: { id: string; title: string; status: string; createdAt: Date; closedAt: Date | null }, end: Date): FindingRecord['ticket'] {
  const closedAt = t.closedAt && t.closedAt < end ? t.closedAt : null;
  // A ticket closed after the period was still open at its end.
  const status = closedAt ? 'closed' : t.status === 'closed' ? 'open' : t.status;
  return { id: t.id, title: t.title, status, createdAt: t.createdAt, closedAt };
}

function slaStatus(f: { dueAt: Date; resolvedAt: Date | null }, exceptions: ExceptionRecord[], end: Date): SlaStatus {
  if (f.resolvedAt) return f.resolvedAt <= f.dueAt ? 'met' : 'breached';
  if (exceptions.some((e) => e.statusAtPeriodEnd === 'approved')) return 'risk accepted';
  return end > f.dueAt ? 'breached' : 'within SLA';
}

/** Findings on the scoped instances that were open at some time in the period. */
export async function remediationRecords(organizationId: string, instances: { id: string; name: string }[], period: EvidencePeriod, emails: Map<string, string>): Promise<FindingRecord[]> {
  const names = new Map(instances.map((i) => [i.id, i.name]));
  const end = period.endExclusive;
  const rows = await db().finding.findMany({
    where: {
      organizationId,
      instanceId: { in: [...names.keys()] },
      firstDetectedAt: { lt: end },
      OR: [{ resolvedAt: null }, { resolvedAt: { gte: period.start } }],
    },
    orderBy: [{ firstDetectedAt: 'asc' }, { id: 'asc' }],
    include: {
      events: { where: { at: { lt: end } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      exceptions: { where: { createdAt: { lt: end } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      ticket: { include: { events: { where: { at: { lt: end } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] } } },
    },
  });
  const who = (id: string | null) => (id ? (emails.get(id) ?? `user ${id}`) : null);
  return rows.map((f) => {
    const instanceName = names.get(f.instanceId) ?? f.instanceId;
    const resolvedAt = f.resolvedAt && f.resolvedAt < end ? f.resolvedAt : null;
    const lastStateChange = [...f.events].reverse().find((e) => e.toState);
    const exceptions: ExceptionRecord[] = f.exceptions.map((e) => ({
      id: e.id,
      findingId: f.id,
      controlId: f.controlId,
      instanceName,
      statusAtPeriodEnd: exceptionStateAt(e, end),
      reason: e.reason,
      compensatingControl: e.compensatingControl,
      requestedBy: who(e.requestedById) ?? '',
      approvedBy: e.decidedAt && e.decidedAt < end ? who(e.approvedById) : null,
      requestedAt: e.createdAt,
      decidedAt: e.decidedAt && e.decidedAt < end ? e.decidedAt : null,
      expiresAt: e.expiresAt,
    }));
    const history: HistoryEntry[] = [
      ...f.events.map((e) => ({ at: e.at, source: 'finding' as const, kind: e.kind, from: e.fromState, to: e.toState, actor: who(e.actorId), comment: e.comment })),
      ...(f.ticket?.events ?? []).map((e) => ({ at: e.at, source: 'ticket' as const, kind: e.kind, from: e.fromStatus, to: e.toStatus, actor: who(e.actorId), comment: e.comment })),
    ].sort(byTime);
    return {
      id: f.id,
      controlId: f.controlId,
      instanceId: f.instanceId,
      instanceName,
      severity: f.severity,
      firstDetectedAt: f.firstDetectedAt,
      dueAt: f.dueAt,
      resolvedAt,
      stateAtPeriodEnd: lastStateChange?.toState ?? (resolvedAt ? 'resolved' : 'open'),
      sla: slaStatus({ dueAt: f.dueAt, resolvedAt }, exceptions, end),
      ticket: f.ticket && f.ticket.createdAt < end ? ticketAt(f.ticket, end) : null,
      history,
      exceptions,
    };
  });
}
