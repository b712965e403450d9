// What a package covers: all instances of the organisation, or those matching environment,
// platform or named instances; and the frameworks to summarise. Resolved once, at build time,
// to a sorted list of instances (written into the manifest).
import { z } from 'zod';
import { PLATFORMS } from '../controls/types';
import { db } from '../db/client';
import type { EvidencePeriod } from './period';

export const FRAMEWORKS = ['hipaa', 'hitrust'] as const;
export type EvidenceFramework = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_LABELS: Record<EvidenceFramework, string> = {
  hipaa: 'HIPAA Security Rule (45 CFR 164.312 and related 164.308/310/314/316)',
  hitrust: 'HITRUST CSF (control references only)',
};

const names = (what: string) => z.array(z.string().trim().min(1, `${what} cannot be empty`)).max(1000);

export const evidenceScopeSchema = z
  .object({
    environments: names('an environment name').optional(),
    platforms: z.array(z.enum(PLATFORMS, { error: `platform must be one of ${PLATFORMS.join(', ')}` })).optional(),
    /** Instance ids or names. */
    instances: names('an instance id or name').optional(),
    frameworks: z.array(z.enum(FRAMEWORKS, { error: `framework must be one of ${FRAMEWORKS.join(', ')}` })).min(1, 'choose at least one framework').default([...FRAMEWORKS]),
  })
  .strict();

export type EvidenceScope = z.output<typeof evidenceScopeSchema>;

/** The scope with every list sorted and de-duplicated (stable manifests for equal requests). */
export function normalizeScope(scope: EvidenceScope): EvidenceScope {
  const sorted = <T extends string>(list?: T[]) => (list?.length ? [...new Set(list)].sort() : undefined);
  return {
    environments: sorted(scope.environments),
    platforms: sorted(scope.platforms),
    instances: sorted(scope.instances),
    frameworks: FRAMEWORKS.filter((f) => scope.frameworks.includes(f)),
  };
}

export function describeScope(scope: EvidenceScope): string {
  const parts = [
    scope.environments ? `environment ${scope.environments.join(', ')}` : null,
    scope.platforms ? `platform ${scope.platforms.join(', ')}` : null,
    scope.instances ? `instances ${scope.instances.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'all instances of the organisation';
}

export interface ScopedInstance {
  id: string;
  name: string;
  platform: string;
  provider: string;
  resourceId: string;
  account: string | null;
  region: string | null;
  engine: string | null;
  engineVersion: string | null;
  environment: string | null;
  classification: string | null;
  firstSeenAt: Date;
  goneAt: Date | null;
}

export class ScopeError extends Error {}

/** Instances of the organisation that match the scope and existed at some time in the period. */
export async function resolveScope(organizationId: string, scope: EvidenceScope, period: EvidencePeriod): Promise<ScopedInstance[]> {
  const rows = await db().instance.findMany({
    where: {
      organizationId,
      firstSeenAt: { lt: period.endExclusive },
      ...(scope.environments ? { environment: { in: scope.environments } } : {}),
      ...(scope.platforms ? { platform: { in: scope.platforms } } : {}),
      AND: [
        { OR: [{ goneAt: null }, { goneAt: { gte: period.start } }] },
        ...(scope.instances ? [{ OR: [{ id: { in: scope.instances } }, { name: { in: scope.instances } }] }] : []),
      ],
    },
    select: {
      id: true, name: true, platform: true, provider: true, resourceId: true, account: true, region: true,
      engine: true, engineVersion: true, environment: true, classification: true, firstSeenAt: true, goneAt: true,
    },
  });
  if (scope.instances) {
    const missing = scope.instances.filter((wanted) => !rows.some((r) => r.id === wanted || r.name === wanted));
    if (missing.length) throw new ScopeError(`No instance named or with id ${missing.map((m) => `"${m}"`).join(', ')} in this organisation during the period (check the spelling, and that it existed between the period's dates).`);
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
