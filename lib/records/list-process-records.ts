// The records page: every process record of the organisation with its scope, reviewer, attachments
// and whether it still counts as evidence.
import { db } from '../db/client';
import { organizationThresholds } from '../scan-runs/organization-thresholds';
import { isRecordKind, RECORD_KINDS, type RecordKind } from './record-kinds';
import { recordStatus, type RecordStatus } from './record-status';

export interface ListedAttachment {
  id: string;
  filename: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface ListedRecord {
  id: string;
  kind: RecordKind;
  kindLabel: string;
  controls: string[];
  title: string;
  scopeType: string;
  scopeLabel: string;
  reviewer: string | null;
  author: string | null;
  approvedAt: Date | null;
  expiresAt: Date | null;
  status: RecordStatus;
  validUntil: Date | null;
  supersedesId: string | null;
  details: Record<string, unknown>;
  notes: string | null;
  attachments: ListedAttachment[];
}

export async function listProcessRecords(organizationId: string, now = new Date()): Promise<ListedRecord[]> {
  const [org, rows, instances, connections, users] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { settings: true } }),
    db().processRecord.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: 1000 }),
    db().instance.findMany({ where: { organizationId }, select: { id: true, name: true } }),
    db().connection.findMany({ where: { organizationId }, select: { id: true, name: true } }),
    db().user.findMany({ where: { organizationId }, select: { id: true, email: true } }),
  ]);
  const attachments = await db().attachment.findMany({ where: { organizationId, ownerType: 'process_record', ownerId: { in: rows.map((r) => r.id) } }, orderBy: { createdAt: 'asc' } });
  const thresholds = organizationThresholds(org.settings);
  const instanceNames = new Map(instances.map((i) => [i.id, i.name]));
  const connectionNames = new Map(connections.map((c) => [c.id, c.name]));
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return rows
    .filter((r) => isRecordKind(r.kind))
    .map((r) => {
      const kind = r.kind as RecordKind;
      const scopeLabel =
        r.scopeType === 'organization'
          ? 'whole organisation'
          : r.scopeType === 'connection'
            ? `connection ${connectionNames.get(r.scopeId ?? '') ?? r.scopeId}`
            : `instance ${instanceNames.get(r.scopeId ?? '') ?? r.scopeId}`;
      const { status, validUntil } = recordStatus({ kind, approvedAt: r.approvedAt, expiresAt: r.expiresAt, supersededAt: r.supersededAt }, thresholds, now);
      return {
        id: r.id,
        kind,
        kindLabel: RECORD_KINDS[kind].label,
        controls: [...RECORD_KINDS[kind].controls],
        title: r.title,
        scopeType: r.scopeType,
        scopeLabel,
        reviewer: r.reviewerId ? (emails.get(r.reviewerId) ?? null) : null,
        author: r.createdById ? (emails.get(r.createdById) ?? null) : null,
        approvedAt: r.approvedAt,
        expiresAt: r.expiresAt,
        status,
        validUntil,
        supersedesId: r.supersedesId,
        details: (r.details ?? {}) as Record<string, unknown>,
        notes: r.notes,
        attachments: attachments.filter((a) => a.ownerId === r.id).map((a) => ({ id: a.id, filename: a.filename, size: a.size, sha256: a.sha256, createdAt: a.createdAt })),
      };
    });
}
