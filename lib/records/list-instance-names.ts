// Instances and connections of an organisation for the record forms' choosers.
import { db } from '../db/client';

export async function listInstanceNames(organizationId: string): Promise<{ id: string; name: string; platform: string }[]> {
  return db().instance.findMany({ where: { organizationId, goneAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true, platform: true } });
}

export async function listConnectionNames(organizationId: string): Promise<{ id: string; name: string }[]> {
  return db().connection.findMany({ where: { organizationId }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

export async function listReviewers(organizationId: string): Promise<{ id: string; email: string; role: string }[]> {
  return db().user.findMany({ where: { organizationId, disabled: false, role: { in: ['admin', 'officer', 'engineer'] } }, orderBy: { email: 'asc' }, select: { id: true, email: true, role: true } });
}
