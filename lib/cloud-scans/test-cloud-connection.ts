// "Test connection": collectCloud over a small scope (AWS: the first configured region of every
// account, roles included; Google: every project, one listing each) with short timeouts and few
// retries. The outcome — each scope's status and, for failures, what to change — is kept on the
// connection (lastTested*) and returned for the page.
import { recordAudit, type AuditActor } from '@/lib/audit-log/record-audit';
import { collectCloud, type Source } from '@/lib/cloud/collect';
import { db } from '@/lib/db/client';
import { cloudApiTimeoutMs, collectorInputFor } from './cloud-connection';
import { describeSources } from './explain-source-error';

export interface ConnectionTestOutcome {
  ok: boolean;
  status: 'ok' | 'partial' | 'error';
  summary: string;
  sources: Source[];
}

/** Two attempts of at most 10 s per call (less when CLOUD_API_TIMEOUT_MS is shorter). */
const testLimits = () => ({ maxAttempts: 2, requestTimeoutMs: Math.min(10_000, cloudApiTimeoutMs() ?? 10_000) });

export async function testCloudConnection(actor: AuditActor & { organizationId: string }, connectionId: string): Promise<ConnectionTestOutcome> {
  const connection = await db().connection.findFirst({ where: { id: connectionId, organizationId: actor.organizationId } });
  if (!connection || (connection.kind !== 'aws' && connection.kind !== 'gcp')) throw new Error('That cloud connection does not exist in this organisation.');
  const input = collectorInputFor(connection);
  const scoped = input.aws
    ? { aws: { ...input.aws, ...testLimits(), ...(input.aws.regions ? { regions: input.aws.regions.slice(0, 1) } : {}) }, concurrency: 4 }
    : { gcp: { ...input.gcp!, ...testLimits() }, concurrency: 4 };
  const { sources } = await collectCloud(scoped);
  const status = sources.every((s) => s.status === 'ok') ? 'ok' : sources.some((s) => s.status === 'error') ? 'error' : 'partial';
  const summary = describeSources(sources);
  await db().connection.update({ where: { id: connection.id }, data: { lastTestedAt: new Date(), lastTestStatus: status, lastTestReason: summary.slice(0, 2000) } });
  await recordAudit(actor, { action: 'connection.test', targetType: 'connection', targetId: connection.id, outcome: status === 'ok' ? 'success' : 'error', detail: { status, scopes: sources.length } });
  return { ok: status === 'ok', status, summary, sources };
}
