// What the package form offers: the organisation's environments, platforms and instances.
import { db } from '../db/client';

export interface ScopeOptions {
  environments: string[];
  platforms: string[];
  instances: { id: string; name: string }[];
}

export async function scopeOptions(organizationId: string): Promise<ScopeOptions> {
  const rows = await db().instance.findMany({ where: { organizationId }, select: { id: true, name: true, platform: true, environment: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return {
    environments: [...new Set(rows.map((r) => r.environment).filter((e): e is string => Boolean(e)))].sort(),
    platforms: [...new Set(rows.map((r) => r.platform))].sort(),
    instances: rows.map((r) => ({ id: r.id, name: r.name })),
  };
}
