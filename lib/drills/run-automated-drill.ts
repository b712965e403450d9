// The automated restore drill of a self-hosted instance: restore its configured backup into a
// sandbox redis-server (a copy, on loopback), compare key counts per database with the instance's
// last known INFO keyspace, measure RTO (time to load) and RPO (backup age), and record the drill.
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { recoveryTargets } from '../controls/prc/support';
import { db } from '../db/client';
import type { SelfHostedFacts } from '../facts/self-hosted';
import { loadControlRecords } from '../records/load-control-records';
import { organizationThresholds } from '../scan-runs/organization-thresholds';
import { outsideBackupRoots } from './drill-schedule';
import { judgeDrill } from './drill-outcome';
import { parseKeyspace, restoreInSandbox, type BackupKind } from './restore-in-sandbox';

const DAY_MS = 86_400_000;
/** Environment class of every automated restore target (never production: RED-PRC-001). */
export const SANDBOX_ENVIRONMENT = 'drill-sandbox';

export type RunDrillResult =
  | { ok: true; drillId: string; result: 'pass' | 'fail'; reasons: string[] }
  | { ok: false; error: string };

export interface RunDrillOptions {
  now?: () => Date;
  redisServer?: string;
}

/** Keys per database from the newest snapshot that read INFO; null when none did. */
async function expectedKeyCounts(instanceId: string): Promise<{ counts: Record<number, number>; snapshotId: string } | null> {
  const snapshots = await db().factsSnapshot.findMany({ where: { instanceId, platform: 'self' }, orderBy: { collectedAt: 'desc' }, take: 5, select: { id: true, facts: true } });
  for (const snapshot of snapshots) {
    const facts = snapshot.facts as unknown as SelfHostedFacts;
    if (facts.info?.ok) return { counts: parseKeyspace(facts.info.value.keyspace ?? {}), snapshotId: snapshot.id };
  }
  return null;
}

export async function runAutomatedDrill(actor: (AuditActor & { id: string; organizationId: string }) | null, instanceId: string, options: RunDrillOptions = {}): Promise<RunDrillResult> {
  const now = options.now ?? (() => new Date());
  const instance = await db().instance.findFirst({
    where: { id: instanceId, ...(actor ? { organizationId: actor.organizationId } : {}) },
    include: { drillSchedule: true, organization: { select: { settings: true } } },
  });
  if (!instance) return { ok: false, error: 'No such instance in your organisation.' };
  const schedule = instance.drillSchedule;
  if (instance.platform !== 'self' || !schedule) return { ok: false, error: 'Configure the backup location of this instance first (automated drills restore self-hosted backups).' };
  const rootsProblem = outsideBackupRoots(schedule.backupPath);
  if (rootsProblem) return { ok: false, error: rootsProblem };

  const startedAt = now();
  const expected = await expectedKeyCounts(instance.id);
  const restore = await restoreInSandbox({ backupPath: schedule.backupPath, kind: schedule.backupKind as BackupKind, redisServer: options.redisServer });
  const thresholds = organizationThresholds(instance.organization.settings);
  const targets = recoveryTargets({ records: await loadControlRecords(instance), now: startedAt, thresholds });
  const rtoTargetSeconds = targets.rtoMinutes * 60;
  const rpoTargetSeconds = targets.rpoMinutes * 60;
  const backup = restore.backup;
  const rpoSeconds = backup ? Math.max(0, Math.round((startedAt.getTime() - Date.parse(backup.takenAt)) / 1000)) : null;

  let result: 'pass' | 'fail';
  let reasons: string[];
  let details: object;
  let integrityPassed = false;
  let restoredKeys: number | null = null;
  const rtoSeconds = restore.ok ? Math.max(1, Math.ceil(restore.loadMs / 1000)) : null;
  if (restore.ok) {
    const judgement = judgeDrill({ expected: expected?.counts ?? null, restored: restore.keysPerDb, tolerancePercent: schedule.keyCountTolerancePercent, rtoSeconds: rtoSeconds!, rpoSeconds: rpoSeconds!, rtoTargetSeconds, rpoTargetSeconds });
    ({ result, reasons, integrityPassed, restoredKeys } = judgement);
    details = { comparisons: judgement.comparisons, loadMs: restore.loadMs, takenAtSource: backup!.takenAtSource, comparedWithSnapshot: expected?.snapshotId ?? null, targetsFrom: targets.source, tolerancePercent: schedule.keyCountTolerancePercent };
  } else {
    result = 'fail';
    reasons = [restore.reason];
    details = { stage: restore.stage, loadMs: restore.loadMs, takenAtSource: backup?.takenAtSource ?? null, comparedWithSnapshot: expected?.snapshotId ?? null, targetsFrom: targets.source };
  }

  const drill = await db().backupDrill.create({
    data: {
      instanceId: instance.id,
      backupKind: schedule.backupKind,
      backupRef: schedule.backupPath,
      automated: true,
      startedAt,
      finishedAt: restore.ok ? new Date(startedAt.getTime() + restore.loadMs) : null,
      expectedKeys: expected ? Object.values(expected.counts).reduce((s, n) => s + n, 0) : null,
      restoredKeys,
      rtoSeconds,
      rpoSeconds,
      result,
      reason: reasons.length ? reasons.join('; ') : null,
      performedById: actor?.id ?? null,
      details,
      snapshotTakenAt: backup ? new Date(backup.takenAt) : null,
      backupSha256: backup?.sha256 ?? null,
      backupSize: backup?.size ?? null,
      restoreTarget: restore.ok ? restore.target : 'sandbox redis-server on 127.0.0.1',
      restoreEnvironment: SANDBOX_ENVIRONMENT,
      integrityMethod: 'key_count',
      integrityPassed,
      rtoTargetSeconds,
      rpoTargetSeconds,
    },
  });
  await db().drillSchedule.update({ where: { id: schedule.id }, data: { lastRunAt: startedAt, nextRunAt: schedule.enabled ? new Date(startedAt.getTime() + schedule.everyDays * DAY_MS) : null } });
  await recordAudit(actor ?? { organizationId: instance.organizationId }, {
    action: 'drill.run',
    targetType: 'drill',
    targetId: drill.id,
    outcome: 'success',
    detail: { instanceId: instance.id, automated: true, result, backupSha256: backup?.sha256 ?? null },
  });
  return { ok: true, drillId: drill.id, result, reasons };
}
