// TOTP second factor (RFC 6238, 30-second steps, ±1 step of clock drift) with otplib. Secrets are
// sealed at rest; a code is accepted at most once (its time step is remembered).
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { decryptSecret, encryptSecret } from '../crypto/secrets';
import { db } from '../db/client';
import { parseOrganizationSettings } from '../settings/organization-settings';
import type { Role } from './roles';

const ISSUER = 'Redis Compliance Dashboard';
const STEP_SECONDS = 30;
/** Associated data that binds a sealed TOTP secret to its user row. */
export const totpSealContext = (userId: string) => `totp:${userId}`;

function totpAt(now: Date) {
  return authenticator.clone({ window: 1, step: STEP_SECONDS, epoch: now.getTime() });
}

/** The time step a code matches (null when it matches none within the drift window). */
export function matchingStep(secret: string, code: string, now = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpAt(now).checkDelta(code, secret);
  return delta === null ? null : Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

export function totpRequiredFor(role: Role, organizationSettings: unknown): boolean {
  return parseOrganizationSettings(organizationSettings).security.requireTotpForRoles.includes(role);
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export async function beginTotpEnrolment(actor: AuditActor & { id: string; email: string }): Promise<Enrolment> {
  const secret = authenticator.generateSecret(20);
  await db().user.update({ where: { id: actor.id }, data: { totpPendingCiphertext: encryptSecret(secret, totpSealContext(actor.id)) } });
  const otpauthUri = authenticator.keyuri(actor.email, ISSUER, secret);
  return { secret, otpauthUri, qrSvg: await QRCode.toString(otpauthUri, { type: 'svg', margin: 1 }) };
}

export type TotpResult = { ok: true } | { ok: false; error: string };

export async function confirmTotpEnrolment(actor: AuditActor & { id: string }, code: string, now = new Date()): Promise<TotpResult> {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!user.totpPendingCiphertext) return { ok: false, error: 'Start the set-up first: no pending authenticator secret.' };
  const secret = decryptSecret(user.totpPendingCiphertext, totpSealContext(user.id));
  const step = matchingStep(secret, code.trim(), now);
  if (step === null) return { ok: false, error: 'That code does not match: check the time on your phone and enter the current 6-digit code.' };
  await db().user.update({
    where: { id: user.id },
    data: { totpSecretCiphertext: user.totpPendingCiphertext, totpPendingCiphertext: null, totpEnabledAt: now, totpLastStep: step },
  });
  await recordAudit(actor, { action: 'account.totp.enable', targetType: 'user', targetId: user.id, outcome: 'success' });
  return { ok: true };
}

export async function disableTotp(actor: AuditActor & { id: string }, code: string, now = new Date()): Promise<TotpResult> {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, include: { organization: { select: { settings: true } } } });
  if (!user.totpSecretCiphertext) return { ok: false, error: 'No second factor is set up.' };
  if (totpRequiredFor(user.role as Role, user.organization.settings)) return { ok: false, error: 'Your organisation requires a second factor for your role; it cannot be turned off.' };
  if (!(await consumeTotpCode(user.id, code, now))) return { ok: false, error: 'That code is not valid.' };
  await db().user.update({ where: { id: user.id }, data: { totpSecretCiphertext: null, totpEnabledAt: null, totpLastStep: null } });
  await recordAudit(actor, { action: 'account.totp.disable', targetType: 'user', targetId: user.id, outcome: 'success' });
  return { ok: true };
}

/** Checks a sign-in code and burns its time step so it cannot be replayed. */
export async function consumeTotpCode(userId: string, code: string, now = new Date()): Promise<boolean> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpSecretCiphertext) return false;
  const step = matchingStep(decryptSecret(user.totpSecretCiphertext, totpSealContext(user.id)), code.trim(), now);
  if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) return false;
  // Conditional update: of two concurrent uses of one code, only one wins.
  const won = await db().user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
  return won.count === 1;
}
