// Ends approved exceptions whose expiry passed: the exception becomes "expired" and a finding that
// was risk accepted on it reopens (and is announced again as finding.opened). Conditional updates
// make it safe to run from several processes at once.
import { db } from '../db/client';
import { findingPayload } from '../findings/finding-payload';
import { transition } from '../findings/lifecycle';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event';

export async function expireRiskExceptions(now = new Date()): Promise<number> {
  const ended = await db().riskException.findMany({ where: { status: 'approved', expiresAt: { lte: now } }, include: { finding: { include: { instance: { select: { name: true } } } } }, take: 500 });
  let expired = 0;
  for (const exception of ended) {
    await db().$transaction(async (tx) => {
      const { count } = await tx.riskException.updateMany({ where: { id: exception.id, status: 'approved' }, data: { status: 'expired' } });
      if (count === 0) return;
      expired += 1;
      const finding = exception.finding;
      const stillCovered = await tx.riskException.count({ where: { findingId: finding.id, status: 'approved', expiresAt: { gt: now } } });
      if (finding.state !== 'risk_accepted' || stillCovered > 0) return;
      const outcome = transition('risk_accepted', 'exception_expired');
      if (!outcome.ok) throw new Error(outcome.reason);
      const moved = await tx.finding.updateMany({ where: { id: finding.id, state: 'risk_accepted' }, data: { state: outcome.to, overdueNotifiedAt: null } });
      if (moved.count === 0) return;
      await tx.findingEvent.create({ data: { findingId: finding.id, kind: 'state_change', fromState: 'risk_accepted', toState: outcome.to, detail: { exceptionId: exception.id, action: 'expired' }, at: now } });
      await queueWebhookEvent(tx, finding.organizationId, 'finding.opened', { ...findingPayload({ ...finding, state: outcome.to }, finding.instance.name), reopened: true, cause: 'exception_expired' }, now);
    });
  }
  return expired;
}
