// Which instances a schedule scans: all self-hosted ones, those of one connection (a cloud
// connection is scanned as a whole), those with a tag (key=value), or one.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';

export const TARGET_TYPES = ['all', 'connection', 'tag', 'instance'] as const;

export const tagRefSchema = z.string().regex(/^[^=\s]+=[^=]*$/, 'a tag is written key=value, e.g. env=production');

/**
 * The run scope of a schedule: a cloud connection's run names the connection (its run collects the
 * inventory, then assesses every resource); any other target lists self-hosted instances.
 */
export async function scheduleScope(organizationId: string, targetType: string, targetRef: string | null): Promise<{ instanceIds: string[]; connectionId?: string }> {
  if (targetType === 'connection' && targetRef) {
    const connection = await db().connection.findFirst({ where: { id: targetRef, organizationId }, select: { kind: true } });
    if (connection && connection.kind !== 'self') {
      const known = await db().instance.findMany({ where: { organizationId, connectionId: targetRef, goneAt: null }, select: { id: true } });
      return { connectionId: targetRef, instanceIds: known.map((i) => i.id) };
    }
  }
  return { instanceIds: await resolveTargetGroup(organizationId, targetType, targetRef) };
}

export async function resolveTargetGroup(organizationId: string, targetType: string, targetRef: string | null): Promise<string[]> {
  const where: Prisma.InstanceWhereInput = { organizationId, goneAt: null, platform: 'self' };
  if (targetType === 'connection') where.connectionId = targetRef ?? '';
  else if (targetType === 'instance') where.id = targetRef ?? '';
  const instances = await db().instance.findMany({ where, select: { id: true, tags: true } });
  if (targetType !== 'tag') return instances.map((i) => i.id);
  const [key, value] = (targetRef ?? '').split('=');
  return instances.filter((i) => (i.tags as Record<string, string>)[key] === value).map((i) => i.id);
}
