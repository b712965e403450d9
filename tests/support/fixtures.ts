// Small builders for app records used across DB tests.
import { db } from '@/lib/db/client';
import { hashPassword } from '@/lib/users/passwords';
import type { Role } from '@/lib/auth/roles';

export async function createOrganization(slug = `org-${Math.random().toString(36).slice(2, 8)}`) {
  return db().organization.create({ data: { name: `Org ${slug}`, slug, settings: {} } });
}

export async function createUserWithPassword(
  organizationId: string,
  role: Role,
  password: string,
  extra: { validFrom?: Date | null; validUntil?: Date | null; disabled?: boolean } = {},
) {
  return db().user.create({
    data: {
      organizationId,
      email: `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: `${role} user`,
      role,
      passwordHash: await hashPassword(password),
      ...extra,
    },
  });
}
