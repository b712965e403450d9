// Reading parsed `INFO` fields (strings as Redis prints them).

import type { InfoSections } from '../../facts/self-hosted';
import { ptr } from './facts';

export function infoField(info: InfoSections, section: string, field: string): string | undefined {
  return info[section]?.[field];
}

export function infoNumber(info: InfoSections, section: string, field: string): number | undefined {
  const raw = infoField(info, section, field);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function infoRef(section: string, field: string): string {
  return ptr('info', section, field);
}
