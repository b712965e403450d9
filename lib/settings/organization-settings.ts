// Organisation settings: the catalog's thresholds (§1.7 names) plus app policies. Stored as JSON on
// Organization.settings; missing keys fall back to the catalog defaults.
import { z } from 'zod';

export const organizationSettingsSchema = z
  .object({
    /** Catalog §1.7 thresholds, validated by the control engine's schema when evaluated. */
    thresholds: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = { thresholds: {} };

export function parseOrganizationSettings(value: unknown): OrganizationSettings {
  return organizationSettingsSchema.parse(value ?? {});
}
