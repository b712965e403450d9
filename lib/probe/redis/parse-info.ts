import type { CommandStat, InfoSections } from '@/lib/facts/self-hosted';
import { UnparseableReplyError } from './outcome';

/** Parses an INFO reply into section → field → value (section names lower-case). */
export function parseInfoSections(text: string): InfoSections {
  const sections: InfoSections = {};
  let current: Record<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      current = sections[line.slice(1).trim().toLowerCase()] = {};
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || !current) continue;
    current[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return sections;
}

/** A full INFO reply: must at least contain the server section. */
export function parseInfo(text: string): InfoSections {
  const sections = parseInfoSections(text);
  if (!sections.server) throw new UnparseableReplyError('INFO without a server section');
  return sections;
}

/** `a=1,b=2` → { a: '1', b: '2' } (INFO commandstats, keyspace, slaveN lines). */
export function parseInfoFields(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export function parseCommandStats(section: Record<string, string> | undefined): Record<string, CommandStat> {
  const stats: Record<string, CommandStat> = {};
  for (const [field, value] of Object.entries(section ?? {})) {
    if (!field.startsWith('cmdstat_')) continue;
    const f = parseInfoFields(value);
    stats[field.slice('cmdstat_'.length)] = {
      calls: Number(f.calls ?? 0),
      usec: Number(f.usec ?? 0),
      rejectedCalls: Number(f.rejected_calls ?? 0),
      failedCalls: Number(f.failed_calls ?? 0),
    };
  }
  return stats;
}
