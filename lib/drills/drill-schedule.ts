// Where an instance's backup is and how often it is drilled (automated drills, self-hosted only).
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { db } from '../db/client';
import { describeZodError } from '../users/schemas';

const DAY_MS = 86_400_000;

export const drillScheduleSchema = z
  .object({
    instanceId: z.string().min(1, 'choose an instance'),
    backupKind: z.enum(['rdb', 'aof'], { message: 'choose rdb (a dump file) or aof (an AOF file or appendonly directory)' }),
    backupPath: z
      .string()
      .trim()
      .min(1, 'give the path of the backup file the app can read, e.g. /backups/redis/dump.rdb')
      .max(1000, 'the path is too long')
      .refine((p) => path.isAbsolute(p), 'use an absolute path, e.g. /backups/redis/dump.rdb'),
    everyDays: z.coerce.number({ message: 'enter a number of days' }).int('whole days').min(1, 'at least 1').max(365, 'at most 365'),
    keyCountTolerancePercent: z.coerce.number({ message: 'enter a percentage' }).int().min(0, '0 or more').max(50, 'at most 50'),
    enabled: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  })
  .strict();

export type DrillScheduleInput = z.infer<typeof drillScheduleSchema>;

/**
 * Directories backups may be read from (`DRILL_BACKUP_ROOTS`, colon-separated). Unset = anywhere the
 * app can read; set it in production so a drill schedule cannot point the app at unrelated files.
 */
export function backupRoots(): string[] {
  return (process.env.DRILL_BACKUP_ROOTS ?? '').split(':').filter(Boolean).map((r) => path.resolve(r));
}

export function outsideBackupRoots(p: string): string | null {
  const roots = backupRoots();
  const resolved = path.resolve(p);
  if (roots.length === 0 || roots.some((r) => resolved === r || resolved.startsWith(r + path.sep))) return null;
  return `backupPath: backups are read only from ${roots.join(', ')} (DRILL_BACKUP_ROOTS); copy the backup there.`;
}

/** Whether the app process can read the backup now (a hint; the drill itself reports the real error). */
async function readable(p: string, kind: 'rdb' | 'aof'): Promise<string | null> {
  try {
    await access(p, constants.R_OK);
    const info = await stat(p);
    if (kind === 'rdb' && !info.isFile()) return `backupPath: ${p} is a directory; an RDB backup is one file (dump.rdb).`;
    return null;
  } catch {
    return `backupPath: the app cannot read ${p}; check the path and the app's read permission.`;
  }
}

export async function saveDrillSchedule(
  actor: AuditActor & { id: string; organizationId: string },
  input: Record<string, unknown>,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; error: string }> {
  const parsed = drillScheduleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const s = parsed.data;
  const instance = await db().instance.findFirst({ where: { id: s.instanceId, organizationId: actor.organizationId } });
  if (!instance) return { ok: false, error: 'no such instance in your organisation.' };
  if (instance.platform !== 'self') return { ok: false, error: 'automated drills restore self-hosted backups; record cloud restores as manual drills.' };
  const problem = outsideBackupRoots(s.backupPath) ?? (await readable(s.backupPath, s.backupKind));
  if (problem) return { ok: false, error: problem };
  const existing = await db().drillSchedule.findUnique({ where: { instanceId: s.instanceId } });
  const base = existing?.lastRunAt ?? now;
  const data = {
    backupKind: s.backupKind,
    backupPath: s.backupPath,
    everyDays: s.everyDays,
    keyCountTolerancePercent: s.keyCountTolerancePercent,
    enabled: s.enabled,
    updatedById: actor.id,
    nextRunAt: s.enabled ? new Date(Math.max(now.getTime(), base.getTime() + (existing?.lastRunAt ? s.everyDays * DAY_MS : 0))) : null,
  };
  await db().drillSchedule.upsert({ where: { instanceId: s.instanceId }, create: { instanceId: s.instanceId, ...data }, update: data });
  await recordAudit(actor, {
    action: existing ? 'drill-schedule.update' : 'drill-schedule.create',
    targetType: 'instance',
    targetId: s.instanceId,
    outcome: 'success',
    detail: { backupKind: s.backupKind, backupPath: s.backupPath, everyDays: s.everyDays, enabled: s.enabled },
  });
  return { ok: true };
}
