// Admin operations on accounts. Authorization happens in the caller (server action guard);
// every change is audited here with the acting admin.
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { endAllSessions } from '../auth/sessions';
import { hashPassword } from './passwords';
import { createUserSchema, describeZodError, updateUserSchema } from './schemas';

export type ManageResult = { ok: true; id: string } | { ok: false; error: string };

export async function listUsers(organizationId: string) {
  return db().user.findMany({
    where: { organizationId },
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabled: true, validFrom: true, validUntil: true, lastLoginAt: true, oidcSubject: true },
  });
}

export async function createUser(actor: AuditActor & { organizationId: string }, input: unknown): Promise<ManageResult> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const { email, name, role, password, validFrom, validUntil } = parsed.data;
  if (await db().user.findUnique({ where: { email } })) return { ok: false, error: `email: ${email} already has an account.` };
  const user = await db().user.create({
    data: { organizationId: actor.organizationId, email, name, role, validFrom, validUntil, passwordHash: password ? await hashPassword(password) : null },
  });
  await recordAudit(actor, { action: 'user.create', targetType: 'user', targetId: user.id, outcome: 'success', detail: { email, role, validUntil: validUntil?.toISOString() ?? null } });
  return { ok: true, id: user.id };
}

export async function updateUser(actor: AuditActor & { id: string; organizationId: string }, input: unknown): Promise<ManageResult> {
  const parsed = updateUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const { id, role, disabled, validFrom, validUntil } = parsed.data;
  const existing = await db().user.findFirst({ where: { id, organizationId: actor.organizationId } });
  if (!existing) return { ok: false, error: 'That user does not exist in your organisation.' };
  if (id === actor.id && (role !== 'admin' || disabled)) {
    return { ok: false, error: 'You cannot remove your own administrator role or disable yourself; ask another administrator.' };
  }
  // Saving an account also lifts a sign-in lockout; disabling it ends its sessions at once.
  await db().user.update({ where: { id }, data: { role, disabled, validFrom, validUntil, failedSignIns: 0, lockedUntil: null } });
  if (disabled) await endAllSessions(id, 'admin');
  await recordAudit(actor, {
    action: 'user.update',
    targetType: 'user',
    targetId: id,
    outcome: 'success',
    detail: { email: existing.email, from: { role: existing.role, disabled: existing.disabled }, to: { role, disabled, validUntil: validUntil?.toISOString() ?? null } },
  });
  return { ok: true, id };
}
