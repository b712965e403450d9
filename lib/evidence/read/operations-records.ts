// Backup drills and credential/key rotations recorded for the scoped instances in the period.
import { db } from '../../db/client';
import type { EvidencePeriod } from '../period';

export interface DrillRecord {
  id: string;
  instanceName: string;
  backupKind: string;
  backupRef: string;
  automated: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  result: string;
  reason: string | null;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  expectedKeys: number | null;
  restoredKeys: number | null;
  performedBy: string | null;
}

export interface RotationRecord {
  id: string;
  instanceName: string;
  kind: string;
  subject: string;
  detectedFrom: string;
  rotatedAt: Date;
  notAfter: Date | null;
  recordedBy: string | null;
}

export async function drillRecords(organizationId: string, instances: { id: string; name: string }[], period: EvidencePeriod, emails: Map<string, string>): Promise<DrillRecord[]> {
  const names = new Map(instances.map((i) => [i.id, i.name]));
  const rows = await db().backupDrill.findMany({
    where: { instanceId: { in: [...names.keys()] }, instance: { organizationId }, startedAt: { gte: period.start, lt: period.endExclusive } },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((d) => ({
    id: d.id,
    instanceName: names.get(d.instanceId) ?? d.instanceId,
    backupKind: d.backupKind,
    backupRef: d.backupRef,
    automated: d.automated,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    result: d.result,
    reason: d.reason,
    rtoSeconds: d.rtoSeconds,
    rpoSeconds: d.rpoSeconds,
    expectedKeys: d.expectedKeys,
    restoredKeys: d.restoredKeys,
    performedBy: d.performedById ? (emails.get(d.performedById) ?? d.performedById) : null,
  }));
}

export async function rotationRecords(organizationId: string, instances: { id: string; name: string }[], period: EvidencePeriod, emails: Map<string, string>): Promise<RotationRecord[]> {
  const names = new Map(instances.map((i) => [i.id, i.name]));
  const rows = await db().rotation.findMany({
    where: { instanceId: { in: [...names.keys()] }, instance: { organizationId }, rotatedAt: { gte: period.start, lt: period.endExclusive } },
    orderBy: [{ rotatedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    instanceName: r.instanceId ? (names.get(r.instanceId) ?? r.instanceId) : '',
    kind: r.kind,
    subject: r.subject,
    detectedFrom: r.detectedFrom,
    rotatedAt: r.rotatedAt,
    notAfter: r.notAfter,
    recordedBy: r.recordedById ? (emails.get(r.recordedById) ?? r.recordedById) : null,
  }));
}
