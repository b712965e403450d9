import type { ControlMeta } from '../types';
import type { ThresholdKey } from '../thresholds';

/** A catalog entry as written in the domain files; domain and section are derived from the id. */
export type CatalogEntry = Omit<ControlMeta, 'domain' | 'section' | 'thresholds'> & {
  thresholds: readonly ThresholdKey[];
};

export const ALL_PLATFORMS = ['self', 'ec', 'ecs', 'ms'] as const;

/** Fix line for a platform whose service guarantees the condition (catalog §1.2 "pass by platform"). */
export const PLATFORM_GUARANTEE = 'Platform guarantee (catalog §1.2): nothing to configure.';
