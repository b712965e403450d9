// Queues one finding.overdue webhook per finding that passed its due date while still active. The
// conditional update claims the finding, so several workers running this never notify twice.
import { db } from '../db/client';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event';
import { findingPayload } from './finding-payload';
import { ACTIVE_STATES } from './lifecycle';

export async function notifyOverdueFindings(now = new Date()): Promise<number> {
  const due = await db().finding.findMany({
    where: { state: { in: [...ACTIVE_STATES] }, dueAt: { lt: now }, overdueNotifiedAt: null },
    include: { instance: { select: { name: true } } },
    take: 500,
  });
  let notified = 0;
  for (const f of due) {
    await db().$transaction(async (tx) => {
      const { count } = await tx.finding.updateMany({ where: { id: f.id, overdueNotifiedAt: null }, data: { overdueNotifiedAt: now } });
      if (count === 0) return;
      await queueWebhookEvent(tx, f.organizationId, 'finding.overdue', findingPayload(f, f.instance.name), now);
      notified += 1;
    });
  }
  return notified;
}
