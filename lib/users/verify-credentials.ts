// Email + password sign-in decision, with the access window enforced and every attempt audited.
import { accessDecision } from '../auth/access-window';
import { isRole, type Role } from '../auth/roles';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { parseOrganizationSettings } from '../settings/organization-settings';
import { consumeTotpCode } from '../auth/totp';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { signInSchema } from './schemas';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
}

export type CredentialsOutcome = { ok: true; user: SignedInUser } | { ok: false; reason: string };

export async function verifyCredentials(input: unknown, now = new Date()): Promise<CredentialsOutcome> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'Enter your e-mail address and password.' };
  const { email, password, otp } = parsed.data;
  const user = await db().user.findUnique({ where: { email }, include: { organization: { select: { settings: true } } } });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (user?.lockedUntil && user.lockedUntil > now) {
    const reason = `Too many failed sign-ins: this account is locked until ${user.lockedUntil.toISOString().slice(11, 16)} UTC. Try again later or ask an administrator to unlock it.`;
    await recordAudit({ id: user.id, email, organizationId: user.organizationId }, { action: 'auth.sign-in', outcome: 'denied', detail: { reason: 'locked' } });
    return { ok: false, reason };
  }
  if (!user || !user.passwordHash || !passwordOk) {
    if (user) await countFailure(user.id, user.failedSignIns, user.organization.settings, now);
    await recordAudit({ email, organizationId: user?.organizationId }, { action: 'auth.sign-in', outcome: 'denied', detail: { reason: 'bad credentials' } });
    return { ok: false, reason: 'Wrong e-mail address or password.' };
  }
  if (user.totpEnabledAt) {
    if (!otp) return { ok: false, reason: 'Enter the 6-digit code from your authenticator app.' };
    if (!(await consumeTotpCode(user.id, otp, now))) {
      await countFailure(user.id, user.failedSignIns, user.organization.settings, now);
      await recordAudit({ id: user.id, email, organizationId: user.organizationId }, { action: 'auth.sign-in', outcome: 'denied', detail: { reason: 'bad second factor' } });
      return { ok: false, reason: 'That authenticator code is not valid (or was already used). Enter the current code.' };
    }
  }
  const decision = accessDecision(user, now);
  if (!decision.allowed || !isRole(user.role)) {
    const reason = decision.allowed ? 'This account has no valid role.' : decision.reason;
    await recordAudit({ id: user.id, email, organizationId: user.organizationId }, { action: 'auth.sign-in', outcome: 'denied', detail: { reason } });
    return { ok: false, reason };
  }
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: now, failedSignIns: 0, lockedUntil: null } });
  await recordAudit({ id: user.id, email, organizationId: user.organizationId }, { action: 'auth.sign-in', outcome: 'success' });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, organizationId: user.organizationId } };
}

/** Counts a failed password; at the organisation's threshold the account locks for a while. */
async function countFailure(userId: string, previousFailures: number, settings: unknown, now: Date) {
  const { security } = parseOrganizationSettings(settings);
  const failures = previousFailures + 1;
  if (failures < security.lockoutThreshold) {
    await db().user.update({ where: { id: userId }, data: { failedSignIns: failures } });
    return;
  }
  const lockedUntil = new Date(now.getTime() + security.lockoutMinutes * 60_000);
  const user = await db().user.update({ where: { id: userId }, data: { failedSignIns: 0, lockedUntil } });
  await recordAudit({ id: user.id, email: user.email, organizationId: user.organizationId }, { action: 'auth.lockout', outcome: 'denied', detail: { failures, lockedUntil: lockedUntil.toISOString() } });
}
