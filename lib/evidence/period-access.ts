// Auditors may build and download packages only for periods inside their access window
// (User.validFrom … User.validUntil); other roles may use any period.
import { db } from '../db/client';
import type { EvidencePeriod } from './period';

export type PeriodAccess = { allowed: true } | { allowed: false; reason: string };

export interface WindowHolder {
  role: string;
  validFrom: Date | null;
  validUntil: Date | null;
}

export function periodAccessDecision(user: WindowHolder, period: EvidencePeriod): PeriodAccess {
  if (user.role !== 'auditor') return { allowed: true };
  if (!user.validUntil) return { allowed: false, reason: 'Auditor accounts need an access window before they can export evidence. Ask an administrator to set one.' };
  const lastInstant = new Date(period.endExclusive.getTime() - 1);
  const window = `${user.validFrom ? user.validFrom.toISOString() : 'the beginning'} to ${user.validUntil.toISOString()}`;
  if ((user.validFrom && period.start < user.validFrom) || lastInstant > user.validUntil) {
    return { allowed: false, reason: `The period ${period.from} to ${period.to} is outside your access window (${window}). Choose dates inside the window, or ask an administrator to widen it.` };
  }
  return { allowed: true };
}

function windowOf(userId: string, organizationId: string): Promise<WindowHolder | null> {
  return db().user.findFirst({ where: { id: userId, organizationId }, select: { role: true, validFrom: true, validUntil: true } });
}

/** Loads the caller's window (the session user carries no validFrom) and decides. */
export async function periodAccessFor(userId: string, organizationId: string, period: EvidencePeriod): Promise<PeriodAccess> {
  const user = await windowOf(userId, organizationId);
  if (!user) return { allowed: false, reason: 'Your account is not part of this organisation.' };
  return periodAccessDecision(user, period);
}

/** The caller's role and window, for listing packages and pre-filling the form (no account: no access). */
export async function accessWindowOf(userId: string, organizationId: string): Promise<WindowHolder> {
  return (await windowOf(userId, organizationId)) ?? { role: 'auditor', validFrom: null, validUntil: null };
}
