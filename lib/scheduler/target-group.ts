// Which instances a schedule scans: all, those of one connection, those with a tag (key=value), or one.
// Only self-hosted instances are scanned by runs; cloud resources are scanned per account.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';

export const TARGET_TYPES = ['all', 'connection', 'tag', 'instance'] as const;

export const tagRefSchema = z.string().regex(/^[^=\s]+=[^=]*$/, 'a tag is written key=value, e.g. env=production');

export async function resolveTargetGroup(organizationId: string, targetType: string, targetRef: string | null): Promise<string[]> {
  const where: Prisma.InstanceWhereInput = { organizationId, goneAt: null, platform: 'self' };
  if (targetType === 'connection') where.connectionId = targetRef ?? '';
  else if (targetType === 'instance') where.id = targetRef ?? '';
  const instances = await db().instance.findMany({ where, select: { id: true, tags: true } });
  if (targetType !== 'tag') return instances.map((i) => i.id);
  const [key, value] = (targetRef ?? '').split('=');
  return instances.filter((i) => (i.tags as Record<string, string>)[key] === value).map((i) => i.id);
}
