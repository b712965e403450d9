// A restore drill run outside the app (an ElastiCache snapshot restored into a scratch group, a
// Memorystore export imported elsewhere, a manual RDB restore), recorded with its timings, integrity
// check and evidence file. The result is judged like an automated drill's.
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { recoveryTargets } from '../controls/prc/support';
import { db } from '../db/client';
import { utcDate } from '../records/record-details-schema';
import { loadControlRecords } from '../records/load-control-records';
import { checkUpload, storeAttachment, type UploadedFile } from '../records/store-attachment';
import { organizationThresholds } from '../scan-runs/organization-thresholds';
import { describeZodError } from '../users/schemas';

export const BACKUP_KINDS = ['rdb', 'aof', 'ec_snapshot', 'ms_export'] as const;
export const INTEGRITY_METHODS = ['key_count', 'checksum', 'sampled_digests', 'manual'] as const;

const optionalInt = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number({ message: 'enter a whole number' }).int('enter a whole number').min(0, '0 or more').optional());
const optionalText = (max: number) => z.string().trim().max(max, `keep it under ${max} characters`).optional().transform((v) => v || null);

const manualDrillSchema = z.object({
  instanceId: z.string().min(1, 'choose the instance whose backup was restored'),
  backupKind: z.enum(BACKUP_KINDS, { message: `choose one of ${BACKUP_KINDS.join(', ')}` }),
  backupRef: z.string().trim().min(1, 'name the backup restored (snapshot name/ARN, export URI or file)').max(500, 'keep it under 500 characters'),
  startedAt: utcDate(),
  restoredAt: z.preprocess((v) => (v === '' ? undefined : v), utcDate().optional()),
  snapshotTakenAt: utcDate(),
  expectedKeys: optionalInt,
  restoredKeys: optionalInt,
  integrityMethod: z.enum(INTEGRITY_METHODS, { message: `choose one of ${INTEGRITY_METHODS.join(', ')}` }),
  integrityPassed: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  restoreTarget: z.string().trim().min(1, 'say where the backup was restored (account/project/VPC or host)').max(300),
  restoreEnvironment: z.string().trim().min(1, 'give the environment of the restore target, e.g. dr-test').max(60),
  runbookUrl: optionalText(500),
  notes: optionalText(4000),
});

export type RecordDrillResult = { ok: true; drillId: string; result: 'pass' | 'fail'; reasons: string[] } | { ok: false; error: string };

export async function recordManualDrill(
  actor: AuditActor & { id: string; organizationId: string },
  input: Record<string, unknown>,
  file: UploadedFile | null,
  now = new Date(),
): Promise<RecordDrillResult> {
  const parsed = manualDrillSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const d = parsed.data;
  const startedAt = new Date(d.startedAt);
  const restoredAt = d.restoredAt ? new Date(d.restoredAt) : null;
  const takenAt = new Date(d.snapshotTakenAt);
  if (startedAt > now) return { ok: false, error: 'startedAt: a drill cannot start in the future.' };
  if (restoredAt && restoredAt < startedAt) return { ok: false, error: 'restoredAt: must be after startedAt.' };
  if (takenAt > startedAt) return { ok: false, error: 'snapshotTakenAt: the backup must be older than the drill.' };
  if (file) {
    const problem = checkUpload(file);
    if (problem) return { ok: false, error: problem };
  }
  const instance = await db().instance.findFirst({ where: { id: d.instanceId, organizationId: actor.organizationId }, include: { organization: { select: { settings: true } } } });
  if (!instance) return { ok: false, error: 'instanceId: no such instance in your organisation.' };

  const thresholds = organizationThresholds(instance.organization.settings);
  const targets = recoveryTargets({ records: await loadControlRecords(instance), now: startedAt, thresholds });
  const rtoSeconds = restoredAt ? Math.round((restoredAt.getTime() - startedAt.getTime()) / 1000) : null;
  const rpoSeconds = Math.round((startedAt.getTime() - takenAt.getTime()) / 1000);
  const reasons = [
    ...(restoredAt ? [] : ['the restore did not complete']),
    ...(d.integrityPassed ? [] : [`integrity check (${d.integrityMethod}) did not pass`]),
    ...(d.expectedKeys !== undefined && d.restoredKeys !== undefined && d.integrityMethod === 'key_count' && d.expectedKeys !== d.restoredKeys ? [`restored ${d.restoredKeys} keys, expected ${d.expectedKeys}`] : []),
    ...(rtoSeconds !== null && rtoSeconds > targets.rtoMinutes * 60 ? [`RTO ${Math.round(rtoSeconds / 60)} min over the ${targets.rtoMinutes} min target`] : []),
    ...(rpoSeconds > targets.rpoMinutes * 60 ? [`RPO ${Math.round(rpoSeconds / 60)} min over the ${targets.rpoMinutes} min target`] : []),
    ...(thresholds.productionEnvironments.map((e) => e.toLowerCase()).includes(d.restoreEnvironment.toLowerCase()) ? [`restored into a production-class environment (${d.restoreEnvironment})`] : []),
  ];
  const result = reasons.length ? 'fail' : 'pass';
  const drill = await db().backupDrill.create({
    data: {
      instanceId: instance.id,
      backupKind: d.backupKind,
      backupRef: d.backupRef,
      automated: false,
      startedAt,
      finishedAt: restoredAt,
      expectedKeys: d.expectedKeys ?? null,
      restoredKeys: d.restoredKeys ?? null,
      rtoSeconds,
      rpoSeconds,
      result,
      reason: reasons.length ? reasons.join('; ') : null,
      performedById: actor.id,
      notes: d.notes,
      details: { targetsFrom: targets.source },
      snapshotTakenAt: takenAt,
      restoreTarget: d.restoreTarget,
      restoreEnvironment: d.restoreEnvironment,
      integrityMethod: d.integrityMethod,
      integrityPassed: d.integrityPassed,
      rtoTargetSeconds: targets.rtoMinutes * 60,
      rpoTargetSeconds: targets.rpoMinutes * 60,
      runbookUrl: d.runbookUrl,
    },
  });
  const stored = file ? await storeAttachment({ organizationId: actor.organizationId, ownerType: 'drill', ownerId: drill.id, file, createdById: actor.id }) : null;
  await recordAudit(actor, {
    action: 'drill.record',
    targetType: 'drill',
    targetId: drill.id,
    outcome: 'success',
    detail: { instanceId: instance.id, automated: false, result, attachmentSha256: stored?.ok ? stored.attachment.sha256 : null },
  });
  return { ok: true, drillId: drill.id, result, reasons };
}
