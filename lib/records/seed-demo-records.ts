// The demo organisation's example record: a DR plan with its runbook attached, so the records page,
// the attachment download and RED-PRC-002 have something real to show. Created once.
import { db } from '../db/client';
import { storeAttachment } from './store-attachment';

const TITLE = 'Demo fleet disaster recovery plan';

const RUNBOOK = `# Demo fleet — Redis restore runbook

1. Take the newest RDB from the backup location (see the drill schedule).
2. Restore it into an isolated host (never the production network) with \`redis-server --port <free> --bind 127.0.0.1\`.
3. Compare key counts per database with the last scan (INFO keyspace).
4. Record RTO (time to load) and RPO (backup age) and update this runbook.
`;

export async function seedDemoRecords(organizationId: string, now = new Date()): Promise<void> {
  if (await db().processRecord.findFirst({ where: { organizationId, kind: 'dr_plan', title: TITLE } })) return;
  const officer = await db().user.findFirst({ where: { organizationId, role: 'officer' }, select: { id: true } });
  const record = await db().processRecord.create({
    data: {
      organizationId,
      kind: 'dr_plan',
      scopeType: 'organization',
      title: TITLE,
      reviewerId: officer?.id ?? null,
      approvedAt: new Date(now.getTime() - 10 * 86_400_000),
      details: { rtoTargetMinutes: 60, rpoTargetMinutes: 1440, procedure: 'demo-runbook.md (attached)', strategy: 'restore the daily RDB into a fresh host' },
      createdById: officer?.id ?? null,
    },
  });
  await storeAttachment({ organizationId, ownerType: 'process_record', ownerId: record.id, file: { name: 'demo-runbook.md', type: 'text/markdown', bytes: new TextEncoder().encode(RUNBOOK) }, createdById: officer?.id ?? null });
}
