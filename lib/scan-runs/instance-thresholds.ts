// An instance's thresholds: the organisation's, with the instance's own overrides (catalog §1.7
// (i) keys — key classes, keyspace budgets, sampling) merged on top. Invalid overrides stop that
// instance's scan with a message naming the key, never a silent fallback.
import { parseInstanceOverrides, type Thresholds } from '../controls/thresholds';

export function instanceThresholds(organization: Thresholds, overrides: unknown): Thresholds {
  if (overrides === null || overrides === undefined) return organization;
  const parsed = parseInstanceOverrides(organization, overrides);
  if (!parsed.ok) throw new Error(`instance threshold overrides: ${parsed.errors.join('; ')}`);
  return parsed.thresholds;
}
