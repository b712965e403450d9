import type { ControlMeta } from '../types';
import type { ThresholdKey } from '../thresholds';

/** A catalog entry as written in the domain files; domain and section are derived from the id. */
export type CatalogEntry = Omit<ControlMeta, 'domain' | 'section' | 'thresholds'> & {
  thresholds: readonly ThresholdKey[];
};

export const ALL_PLATFORMS = ['self', 'ec', 'ecs', 'ms'] as const;
