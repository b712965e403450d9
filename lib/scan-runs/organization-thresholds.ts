import { parseThresholds, type Thresholds } from '../controls/thresholds';
import { parseOrganizationSettings } from '../settings/organization-settings';

/** The organisation's thresholds (catalog §1.7 defaults for anything unset). */
export function organizationThresholds(settings: unknown): Thresholds {
  const parsed = parseThresholds(parseOrganizationSettings(settings).thresholds);
  if (!parsed.ok) throw new Error(`organisation settings: ${parsed.message}`);
  return parsed.thresholds;
}
