// Server-side sessions: the JWT cookie carries only a session id; this table decides whether it is
// still valid — automatic logoff after inactivity, an absolute lifetime, and sign-out that really
// ends the session (a copied cookie is useless afterwards).
import { db } from '../db/client';
import { parseOrganizationSettings } from '../settings/organization-settings';

/** Don't write lastSeenAt on every request: at most once per this many milliseconds. */
const TOUCH_INTERVAL_MS = 30_000;

export type SessionEnd = 'sign-out' | 'idle' | 'expired' | 'admin';

export async function createSession(userId: string, now = new Date()) {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { organization: { select: { settings: true } } } });
  const { security } = parseOrganizationSettings(user.organization.settings);
  return db().appSession.create({ data: { userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + security.sessionMaxHours * 3_600_000) } });
}

export type SessionCheck = { valid: true; userId: string } | { valid: false; reason: string | null };

const END_MESSAGES: Record<SessionEnd, string | null> = {
  'sign-out': null,
  idle: 'You were signed out after a period of inactivity. Sign in again.',
  expired: 'Your session reached its maximum length. Sign in again.',
  admin: 'Your session was ended by an administrator.',
};

export async function checkSession(sessionId: string, now = new Date()): Promise<SessionCheck> {
  const session = await db().appSession.findUnique({ where: { id: sessionId }, include: { user: { include: { organization: { select: { settings: true } } } } } });
  if (!session) return { valid: false, reason: null };
  if (session.revokedAt) return { valid: false, reason: END_MESSAGES[(session.endReason as SessionEnd) ?? 'sign-out'] ?? null };
  const { security } = parseOrganizationSettings(session.user.organization.settings);
  const ended: SessionEnd | null = now > session.expiresAt ? 'expired' : now.getTime() - session.lastSeenAt.getTime() > security.idleTimeoutMinutes * 60_000 ? 'idle' : null;
  if (ended) {
    await endSession(sessionId, ended, now);
    return { valid: false, reason: END_MESSAGES[ended] };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().appSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  return { valid: true, userId: session.userId };
}

export async function endSession(sessionId: string, reason: SessionEnd, now = new Date()) {
  await db().appSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, endReason: reason } });
}

export async function endAllSessions(userId: string, reason: SessionEnd, now = new Date()) {
  await db().appSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, endReason: reason } });
}

/** The idle timeout the browser should enforce too (it signs out a forgotten screen). */
export async function idleTimeoutMinutesFor(organizationId: string): Promise<number> {
  const org = await db().organization.findUnique({ where: { id: organizationId }, select: { settings: true } });
  return parseOrganizationSettings(org?.settings).security.idleTimeoutMinutes;
}
