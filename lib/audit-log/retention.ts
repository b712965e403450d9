// How long audit entries are kept. The chain is one for the whole app, and only its oldest entries
// can go, so the longest retention any organisation asks for applies to all of them.
import { db } from '../db/client';
import { AUDIT_LOG_MIN_RETENTION_DAYS, parseOrganizationSettings } from '../settings/organization-settings';

const DAY_MS = 86_400_000;

export async function auditLogRetentionDays(): Promise<number> {
  const orgs = await db().organization.findMany({ select: { settings: true } });
  return Math.max(AUDIT_LOG_MIN_RETENTION_DAYS, ...orgs.map((o) => parseOrganizationSettings(o.settings).security.auditLogRetentionDays));
}

/** Entries written before this instant have expired. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}
