// The one way to write the app audit log: who did what to which target, with the outcome.
// Every mutating action calls it, including refused attempts. Details must not carry secrets.
import { db } from '../db/client';

export interface AuditActor {
  id?: string | null;
  email?: string | null;
  organizationId?: string | null;
}

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: 'success' | 'denied' | 'error';
  detail?: Record<string, unknown>;
}

export async function recordAudit(actor: AuditActor | null, event: AuditEvent): Promise<void> {
  await db().auditLogEntry.create({
    data: {
      organizationId: actor?.organizationId ?? null,
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      outcome: event.outcome,
      detail: (event.detail ?? undefined) as object | undefined,
    },
  });
}
