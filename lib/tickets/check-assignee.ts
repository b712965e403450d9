import { db } from '../db/client';

/** An assignee must be an active, non-auditor user of the organisation (null clears it). */
export async function checkAssignee(organizationId: string, userId: string | null): Promise<{ ok: true; userId: string | null } | { ok: false; error: string }> {
  if (!userId) return { ok: true, userId: null };
  const user = await db().user.findFirst({ where: { id: userId, organizationId, disabled: false } });
  if (!user) return { ok: false, error: 'The assignee must be an active user of your organisation.' };
  if (user.role === 'auditor') return { ok: false, error: 'Auditors are read-only and cannot be assigned work.' };
  return { ok: true, userId: user.id };
}
