// List parameters the findings and tickets lists share: overdue only, and the assignee (a user id,
// `me` for the signed-in user, `none` for unassigned).
import { z } from 'zod';

export const overdueParam = z.enum(['yes'], { error: 'overdue must be yes (or left out for any due date)' }).optional();
export const assigneeParam = z.string().max(64, 'assigneeId must be a user id, me or none').optional();

/** The assigneeId condition: undefined (anyone), null (unassigned), or a user id. */
export function assigneeCondition(assigneeId: string | undefined, viewerId: string | null): string | null | { in: string[] } | undefined {
  if (!assigneeId) return undefined;
  if (assigneeId === 'none') return null;
  if (assigneeId === 'me') return viewerId ?? { in: [] };
  return assigneeId;
}
