import { db } from '../db/client';

/** Connections as the browser may see them: settings without secrets, and whether secrets are set. */
export async function listConnections(organizationId: string) {
  const rows = await db().connection.findMany({
    where: { organizationId },
    orderBy: { name: 'asc' },
    select: { id: true, kind: true, name: true, config: true, secretCiphertext: true, lastTestedAt: true, lastTestStatus: true, lastTestReason: true, _count: { select: { instances: true } } },
  });
  return rows.map(({ secretCiphertext, config, ...rest }) => {
    const c = config as Record<string, unknown>;
    return {
      ...rest,
      endpoint: typeof c.url === 'string' ? c.url : null,
      user: typeof c.user === 'string' ? c.user : null,
      tls: typeof c.url === 'string' && c.url.startsWith('rediss://'),
      replicas: Array.isArray(c.replicas) ? c.replicas.filter((r): r is string => typeof r === 'string') : [],
      hasSecret: Boolean(secretCiphertext),
      instances: rest._count.instances,
    };
  });
}
