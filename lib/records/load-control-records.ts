// The records a control evaluation of one instance reads (catalog §1.1 `ctx.records`), from the
// database: process records whose scope covers the instance (organisation, its connection, or the
// instance itself), drills, rotations, credential observations, detected setting changes and
// findings. Only current versions (not superseded) of approved records are passed; the controls
// judge their age and expiry.
import type {
  AcknowledgementRecord,
  AttestationRecord,
  BackupCopyRecord,
  ChangeRecord,
  ControlRecords,
  DrillRecord,
  FindingRecord,
  ProcessRecordEntry,
  RecordScope,
  RotationKind,
  RotationRecord,
  Severity,
} from '../controls/types';
import { db } from '../db/client';
import { RECORD_KINDS, isRecordKind } from './record-kinds';

const MAX_DRILLS = 50;
const MAX_CHANGES = 500;
const MAX_ROTATIONS = 500;

export interface RecordsInstance {
  id: string;
  organizationId: string;
  connectionId: string | null;
}

type Row = {
  id: string;
  kind: string;
  scopeType: string;
  scopeId: string | null;
  approvedAt: Date | null;
  expiresAt: Date | null;
  reviewerId: string | null;
  details: unknown;
};

function scopeOf(row: Row, details: Record<string, unknown>): RecordScope {
  const list = (v: unknown) => (Array.isArray(v) && v.length ? (v as string[]) : undefined);
  return {
    ...(row.scopeType === 'organization' ? { org: true } : {}),
    ...(row.scopeType === 'instance' && row.scopeId ? { instanceIds: [row.scopeId] } : {}),
    ...(list(details.hosts) ? { hosts: list(details.hosts) } : {}),
    ...(list(details.paths) ? { paths: list(details.paths) } : {}),
  };
}

interface Mapped {
  attestations: AttestationRecord[];
  processRecords: ProcessRecordEntry[];
  backupCopies: BackupCopyRecord[];
  changes: ChangeRecord[];
  acknowledgements: AcknowledgementRecord[];
}

function mapRecords(rows: Row[], reviewers: Map<string, string>): Mapped {
  const out: Mapped = { attestations: [], processRecords: [], backupCopies: [], changes: [], acknowledgements: [] };
  for (const row of rows) {
    if (!isRecordKind(row.kind) || !row.approvedAt) continue;
    const d = (row.details ?? {}) as Record<string, unknown>;
    const base = {
      id: row.id,
      scope: scopeOf(row, d),
      approvedAt: row.approvedAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
    };
    const reviewer = row.reviewerId ? (reviewers.get(row.reviewerId) ?? null) : null;
    switch (RECORD_KINDS[row.kind].target) {
      case 'attestation': {
        const { hosts: _hosts, paths: _paths, ...claims } = d;
        out.attestations.push({ ...base, kind: row.kind, claims } as unknown as AttestationRecord);
        break;
      }
      case 'process':
        out.processRecords.push({ ...base, reviewer, kind: row.kind, claims: d } as unknown as ProcessRecordEntry);
        break;
      case 'backupCopy':
        out.backupCopies.push({
          id: row.id,
          createdAt: String(d.createdAt ?? base.approvedAt),
          encrypted: Boolean(d.encrypted),
          keyRef: (d.keyRef as string | null) ?? null,
          keyOnRedisHost: Boolean(d.keyOnRedisHost),
          destinationAccount: (d.destinationAccount as string | null) ?? null,
          sourceAccount: (d.sourceAccount as string | null) ?? null,
        });
        break;
      case 'change':
        out.changes.push({
          id: row.id,
          approvedAt: base.approvedAt,
          windowStart: String(d.windowStart),
          windowEnd: String(d.windowEnd),
          changedFields: (d.changedFields as string[] | undefined) ?? [],
        });
        break;
      case 'acknowledgement':
        out.acknowledgements.push({ id: row.id, kind: 'role_change', acknowledgedAt: base.approvedAt, detectedAt: String(d.detectedAt), cause: String(d.cause ?? '') });
        break;
    }
  }
  return out;
}

function drillRecord(d: {
  id: string;
  instanceId: string;
  automated: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  snapshotTakenAt: Date | null;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  result: string;
  reason: string | null;
  integrityMethod: string | null;
  integrityPassed: boolean | null;
  expectedKeys: number | null;
  restoredKeys: number | null;
  restoreEnvironment: string | null;
  runbookReviewedAt: Date | null;
}): DrillRecord {
  return {
    id: d.id,
    instanceId: d.instanceId,
    automated: d.automated,
    startedAt: d.startedAt.toISOString(),
    restoredAt: d.finishedAt?.toISOString() ?? null,
    snapshotTakenAt: d.snapshotTakenAt?.toISOString() ?? null,
    rtoSeconds: d.rtoSeconds,
    rpoSeconds: d.rpoSeconds,
    result: d.result === 'pass' ? 'pass' : 'fail',
    reason: d.reason,
    integrity:
      d.integrityMethod !== null
        ? { method: d.integrityMethod, passed: d.integrityPassed === true, expectedKeys: d.expectedKeys, restoredKeys: d.restoredKeys }
        : null,
    restoreEnvironment: d.restoreEnvironment,
    runbookReviewedAt: d.runbookReviewedAt?.toISOString() ?? null,
  };
}

export async function loadControlRecords(instance: RecordsInstance): Promise<ControlRecords> {
  const scopeFilter = [
    { scopeType: 'organization' },
    { scopeType: 'instance', scopeId: instance.id },
    ...(instance.connectionId ? [{ scopeType: 'connection', scopeId: instance.connectionId }] : []),
  ];
  const [rows, drills, rotations, states, changes, firstSnapshot, findings] = await Promise.all([
    db().processRecord.findMany({ where: { organizationId: instance.organizationId, supersededAt: null, approvedAt: { not: null }, OR: scopeFilter }, orderBy: { approvedAt: 'desc' } }),
    db().backupDrill.findMany({ where: { instanceId: instance.id }, orderBy: { startedAt: 'desc' }, take: MAX_DRILLS }),
    db().rotation.findMany({
      where: {
        OR: [
          { instanceId: instance.id },
          { instanceId: null, organizationId: instance.organizationId, connectionId: null },
          ...(instance.connectionId ? [{ instanceId: null, connectionId: instance.connectionId }] : []),
        ],
      },
      orderBy: { rotatedAt: 'desc' },
      take: MAX_ROTATIONS,
    }),
    db().credentialState.findMany({ where: { instanceId: instance.id } }),
    db().configChange.findMany({ where: { instanceId: instance.id, revertedAt: null }, orderBy: { detectedAt: 'desc' }, take: MAX_CHANGES }),
    db().factsSnapshot.findFirst({ where: { instanceId: instance.id }, orderBy: { collectedAt: 'asc' }, select: { collectedAt: true } }),
    db().finding.findMany({
      where: { instanceId: instance.id },
      select: { id: true, controlId: true, severity: true, state: true, firstDetectedAt: true, exceptions: { where: { status: 'approved' }, orderBy: { expiresAt: 'desc' }, take: 1 } },
    }),
  ]);
  const reviewerIds = [...new Set(rows.map((r) => r.reviewerId).filter((id): id is string => Boolean(id)))];
  const reviewers = new Map(
    (await db().user.findMany({ where: { id: { in: reviewerIds }, organizationId: instance.organizationId }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
  );
  const mapped = mapRecords(rows, reviewers);
  return {
    ...mapped,
    drills: drills.map(drillRecord),
    rotations: rotations.map(
      (r): RotationRecord => ({ id: r.id, kind: r.kind as RotationKind, subject: r.subject, rotatedAt: r.rotatedAt.toISOString(), detectedFrom: r.detectedFrom === 'facts' ? 'facts' : 'manual' }),
    ),
    credentialObservations: states.map((s) => ({
      kind: s.kind as RotationKind,
      subject: s.subject,
      firstSeenAt: s.firstSeenAt.toISOString(),
      currentSince: s.digestSince.toISOString(),
      digest: s.digest,
    })),
    detectedChanges: changes.map((c) => ({ id: c.id, field: c.field, before: c.before, after: c.after, detectedAt: c.detectedAt.toISOString() })),
    configBaselineAt: firstSnapshot?.collectedAt.toISOString() ?? null,
    findings: findings.map(
      (f): FindingRecord => ({
        id: f.id,
        controlId: f.controlId,
        severity: f.severity as Severity,
        state: f.state,
        firstDetectedAt: f.firstDetectedAt.toISOString(),
        exception: f.exceptions[0] ? { id: f.exceptions[0].id, expiresAt: f.exceptions[0].expiresAt.toISOString() } : null,
      }),
    ),
  };
}
