import { db } from '../db/client';

export async function listAuditEntries(organizationId: string, options: { take?: number; before?: Date } = {}) {
  return db().auditLogEntry.findMany({
    where: { organizationId, ...(options.before ? { at: { lt: options.before } } : {}) },
    orderBy: { at: 'desc' },
    take: Math.min(options.take ?? 100, 500),
  });
}
