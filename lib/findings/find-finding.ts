// One finding with everything its page shows: history, exceptions, ticket, assignee.
import { db } from '../db/client';
import { controlTitle } from './finding-payload';
import { notVerifiedSince } from './list-findings';
import { isOverdue } from './sla';

export async function findFinding(organizationId: string, findingId: string, now = new Date()) {
  const finding = await db().finding.findFirst({
    where: { id: findingId, organizationId },
    include: {
      instance: { select: { id: true, name: true, resourceId: true } },
      assignee: { select: { id: true, name: true } },
      ticket: { select: { id: true, title: true, status: true } },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      exceptions: { include: { requestedBy: { select: { id: true, name: true } }, approvedBy: { select: { id: true, name: true } } }, orderBy: { createdAt: 'desc' } },
    },
  });
  if (!finding) return null;
  const actorIds = [...new Set(finding.events.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
  const actors = new Map((await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    ...finding,
    title: controlTitle(finding.controlId),
    overdue: isOverdue(finding, now),
    notVerifiedSince: notVerifiedSince(finding),
    events: finding.events.map((e) => ({ ...e, actorName: e.actorId ? (actors.get(e.actorId) ?? 'former user') : 'scanner' })),
  };
}

export type FindingDetail = NonNullable<Awaited<ReturnType<typeof findFinding>>>;

/** Who a finding can be assigned to: active staff of the organisation. */
export async function assignableUsers(organizationId: string) {
  return db().user.findMany({ where: { organizationId, disabled: false, role: { not: 'auditor' } }, select: { id: true, name: true, role: true }, orderBy: { name: 'asc' } });
}
