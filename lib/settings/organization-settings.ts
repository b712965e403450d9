// Organisation settings: the catalog's thresholds (§1.7 names) plus app security policy. Stored as
// JSON on Organization.settings; anything unset falls back to the defaults here and in the catalog.
import { z } from 'zod';
import { ROLES } from '../auth/roles';

/** HIPAA 164.316(b)(2)(i): documentation is retained for six years; the audit log never shorter. */
export const AUDIT_LOG_MIN_RETENTION_DAYS = 2190;

export const securityPolicySchema = z
  .object({
    /** Automatic logoff after this much inactivity (HIPAA 164.312(a)(2)(iii)). */
    idleTimeoutMinutes: z.number().int().min(1).max(240).default(15),
    /** Absolute session lifetime, however active the user is. */
    sessionMaxHours: z.number().int().min(1).max(24).default(8),
    /** Consecutive failed sign-ins that lock an account … */
    lockoutThreshold: z.number().int().min(3).max(20).default(5),
    /** … for this long. */
    lockoutMinutes: z.number().int().min(1).max(1440).default(15),
    /** Roles that must use a TOTP second factor (e.g. ["admin", "officer"]); empty = optional for all. */
    requireTotpForRoles: z.array(z.enum(ROLES)).default([]),
    /** Audit log entries older than this are purged (lib/audit-log/purge-audit-log.ts). */
    auditLogRetentionDays: z
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(AUDIT_LOG_MIN_RETENTION_DAYS, `must be at least ${AUDIT_LOG_MIN_RETENTION_DAYS} days (six years, HIPAA 164.316(b)(2))`)
      .max(36_500, 'must be at most 36500 days')
      .default(AUDIT_LOG_MIN_RETENTION_DAYS),
  })
  .strict();

export const organizationSettingsSchema = z
  .object({
    /** Catalog §1.7 thresholds, validated by the control engine's schema when evaluated. */
    thresholds: z.record(z.string(), z.unknown()).default({}),
    security: securityPolicySchema.default(securityPolicySchema.parse({})),
  })
  .strict();

export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = organizationSettingsSchema.parse({});

export function parseOrganizationSettings(value: unknown): OrganizationSettings {
  return organizationSettingsSchema.parse(value ?? {});
}
