// Cloud connections as the browser may see them: scope and credential kind, never a secret.
import { db } from '@/lib/db/client';
import { awsConnectionConfigSchema, gcpConnectionConfigSchema } from './cloud-connection';

export interface CloudConnectionView {
  id: string;
  name: string;
  kind: 'aws' | 'gcp';
  /** "regions us-east-1, eu-west-1 · 1 role" / "projects phi-prod-1". */
  scope: string;
  credentials: string;
  endpoint: string | null;
  instances: number;
  lastTestedAt: Date | null;
  lastTestStatus: string | null;
  lastTestReason: string | null;
}

export async function listCloudConnections(organizationId: string): Promise<CloudConnectionView[]> {
  const rows = await db().connection.findMany({
    where: { organizationId, kind: { in: ['aws', 'gcp'] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, kind: true, config: true, secretCiphertext: true, lastTestedAt: true, lastTestStatus: true, lastTestReason: true, _count: { select: { instances: { where: { goneAt: null } } } } },
  });
  return rows.map((row) => {
    const base = { id: row.id, name: row.name, instances: row._count.instances, lastTestedAt: row.lastTestedAt, lastTestStatus: row.lastTestStatus, lastTestReason: row.lastTestReason };
    if (row.kind === 'aws') {
      const c = awsConnectionConfigSchema.parse(row.config);
      const roles = c.roles.length ? ` · ${c.roles.length} role${c.roles.length === 1 ? '' : 's'}${c.skipBaseAccount ? ' only' : ''}` : '';
      const credentials = c.auth === 'keys' ? 'access keys (stored encrypted)' : c.auth === 'profile' ? `profile ${c.profile}` : 'server default chain';
      return { ...base, kind: 'aws' as const, scope: `${c.regions.length ? `regions ${c.regions.join(', ')}` : 'every enabled region'}${roles}`, credentials, endpoint: c.endpoint ?? null };
    }
    const c = gcpConnectionConfigSchema.parse(row.config);
    const credentials = c.auth === 'key' ? `service-account key${c.serviceAccount ? ` ${c.serviceAccount}` : ''} (stored encrypted)` : 'Application Default Credentials';
    return { ...base, kind: 'gcp' as const, scope: `projects ${c.projects.join(', ')}`, credentials, endpoint: c.endpoint ?? null };
  });
}
