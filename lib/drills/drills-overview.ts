// The drills page: per instance, its drill schedule, last drill and when the next passing drill is
// due (drillMaxAgeDays after the last pass); the drill history with RTO/RPO against their targets.
import { db } from '../db/client';
import { organizationThresholds } from '../scan-runs/organization-thresholds';

const DAY_MS = 86_400_000;
export const DUE_SOON_DAYS = 14;
const RUNBOOK_REVIEW_DAYS = 7;

export type DrillState = 'ok' | 'due_soon' | 'overdue' | 'never';

export interface DrillInstanceRow {
  instanceId: string;
  name: string;
  platform: string;
  environment: string | null;
  schedule: { backupKind: string; backupPath: string; everyDays: number; keyCountTolerancePercent: number; enabled: boolean; nextRunAt: Date | null; lastRunAt: Date | null } | null;
  lastDrill: { id: string; startedAt: Date; result: string } | null;
  lastPassAt: Date | null;
  /** The date RED-PRC-001 starts failing without a new passing drill. */
  dueAt: Date | null;
  state: DrillState;
}

export interface DrillHistoryRow {
  id: string;
  instanceId: string;
  instanceName: string;
  automated: boolean;
  backupKind: string;
  backupRef: string;
  backupSha256: string | null;
  startedAt: Date;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  rtoTargetSeconds: number | null;
  rpoTargetSeconds: number | null;
  expectedKeys: number | null;
  restoredKeys: number | null;
  result: string;
  reason: string | null;
  performer: string;
  restoreTarget: string | null;
  runbookReviewedAt: Date | null;
  /** Still open for a runbook review (RED-PRC-001 allows 7 days). */
  runbookReviewOpen: boolean;
  attachments: { id: string; filename: string; sha256: string }[];
}

export interface DrillsOverview {
  drillMaxAgeDays: number;
  instances: DrillInstanceRow[];
  history: DrillHistoryRow[];
}

export async function drillsOverview(organizationId: string, now = new Date()): Promise<DrillsOverview> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { settings: true } });
  const { drillMaxAgeDays } = organizationThresholds(org.settings);
  const instances = await db().instance.findMany({ where: { organizationId, goneAt: null }, orderBy: { name: 'asc' }, include: { drillSchedule: true } });
  const drills = await db().backupDrill.findMany({ where: { instance: { organizationId } }, orderBy: { startedAt: 'desc' }, take: 500 });
  const users = new Map((await db().user.findMany({ where: { organizationId }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  const attachments = await db().attachment.findMany({ where: { organizationId, ownerType: 'drill', ownerId: { in: drills.map((d) => d.id) } }, select: { id: true, ownerId: true, filename: true, sha256: true } });
  const names = new Map(instances.map((i) => [i.id, i.name]));

  const rows = instances.map((i): DrillInstanceRow => {
    const own = drills.filter((d) => d.instanceId === i.id);
    const lastPass = own.find((d) => d.result === 'pass');
    const dueAt = lastPass ? new Date(lastPass.startedAt.getTime() + drillMaxAgeDays * DAY_MS) : null;
    const state: DrillState = !dueAt ? 'never' : dueAt <= now ? 'overdue' : dueAt.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS ? 'due_soon' : 'ok';
    const s = i.drillSchedule;
    return {
      instanceId: i.id,
      name: i.name,
      platform: i.platform,
      environment: i.environment,
      schedule: s ? { backupKind: s.backupKind, backupPath: s.backupPath, everyDays: s.everyDays, keyCountTolerancePercent: s.keyCountTolerancePercent, enabled: s.enabled, nextRunAt: s.nextRunAt, lastRunAt: s.lastRunAt } : null,
      lastDrill: own[0] ? { id: own[0].id, startedAt: own[0].startedAt, result: own[0].result } : null,
      lastPassAt: lastPass?.startedAt ?? null,
      dueAt,
      state,
    };
  });

  const history = drills.map(
    (d): DrillHistoryRow => ({
      id: d.id,
      instanceId: d.instanceId,
      instanceName: names.get(d.instanceId) ?? d.instanceId,
      automated: d.automated,
      backupKind: d.backupKind,
      backupRef: d.backupRef,
      backupSha256: d.backupSha256,
      startedAt: d.startedAt,
      rtoSeconds: d.rtoSeconds,
      rpoSeconds: d.rpoSeconds,
      rtoTargetSeconds: d.rtoTargetSeconds,
      rpoTargetSeconds: d.rpoTargetSeconds,
      expectedKeys: d.expectedKeys,
      restoredKeys: d.restoredKeys,
      result: d.result,
      reason: d.reason,
      performer: d.performedById ? (users.get(d.performedById) ?? 'former user') : 'scheduler',
      restoreTarget: d.restoreTarget,
      runbookReviewedAt: d.runbookReviewedAt,
      runbookReviewOpen: !d.runbookReviewedAt && now.getTime() - d.startedAt.getTime() <= RUNBOOK_REVIEW_DAYS * DAY_MS,
      attachments: attachments.filter((a) => a.ownerId === d.id).map((a) => ({ id: a.id, filename: a.filename, sha256: a.sha256 })),
    }),
  );
  return { drillMaxAgeDays, instances: rows, history };
}
