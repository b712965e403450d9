// The schedules list: filtered, sorted and paged in the database (one query per page plus the
// count), each row with its next run, last run, duration and outcome.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { pageQueryShape, pageWindow, type Page } from '../paging/page-query';
import { containsText } from '../paging/text-filter';
import { nextRunAt } from './cron';
import { TARGET_TYPES } from './target-group';

export const SCHEDULE_SORTS = ['name', 'next', 'last', 'target'] as const;

export const schedulesQuerySchema = z.object({
  ...pageQueryShape(SCHEDULE_SORTS, 'name', 'asc'),
  q: z.string().max(100, 'q (name search) must be at most 100 characters').optional(),
  enabled: z.enum(['yes', 'no'], { error: 'enabled must be yes or no' }).optional(),
  target: z.enum(TARGET_TYPES, { error: `target must be one of ${TARGET_TYPES.join(', ')}` }).optional(),
});
export type SchedulesQuery = z.infer<typeof schedulesQuerySchema>;

export interface ScheduleRow {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  target: string;
  nextRunAt: Date | null;
  lastRun: { id: string; status: string; trigger: string; startedAt: Date | null; createdAt: Date; durationMs: number | null; errors: number } | null;
}

type Dir = 'asc' | 'desc';
const ORDER: Record<SchedulesQuery['sort'], (dir: Dir) => Prisma.ScheduleOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  next: (dir) => [{ nextRunAt: { sort: dir, nulls: 'last' } }, { name: 'asc' }],
  last: (dir) => [{ lastRunAt: { sort: dir, nulls: 'last' } }, { name: 'asc' }],
  target: (dir) => [{ targetType: dir }, { name: 'asc' }],
};

async function targetNames(organizationId: string, refs: string[]): Promise<Map<string, string>> {
  if (!refs.length) return new Map();
  const [connections, instances] = await Promise.all([
    db().connection.findMany({ where: { organizationId, id: { in: refs } }, select: { id: true, name: true } }),
    db().instance.findMany({ where: { organizationId, id: { in: refs } }, select: { id: true, name: true } }),
  ]);
  return new Map([...connections.map((c) => [c.id, `connection ${c.name}`] as const), ...instances.map((i) => [i.id, `instance ${i.name}`] as const)]);
}

export async function listSchedulesPage(organizationId: string, query: SchedulesQuery, now = new Date()): Promise<Page<ScheduleRow>> {
  const where: Prisma.ScheduleWhereInput = {
    organizationId,
    ...(query.q ? { name: containsText(query.q) } : {}),
    ...(query.enabled ? { enabled: query.enabled === 'yes' } : {}),
    ...(query.target ? { targetType: query.target } : {}),
  };
  const total = await db().schedule.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const schedules = await db().schedule.findMany({ where, orderBy: ORDER[query.sort](query.dir), skip, take: query.size });
  const runIds = schedules.map((s) => s.lastRunId).filter((id): id is string => Boolean(id));
  const [runs, names] = await Promise.all([
    db().scanRun.findMany({ where: { organizationId, id: { in: runIds } }, select: { id: true, status: true, trigger: true, startedAt: true, finishedAt: true, errors: true, createdAt: true } }),
    targetNames(organizationId, schedules.map((s) => s.targetRef).filter((r): r is string => Boolean(r))),
  ]);
  const runById = new Map(runs.map((r) => [r.id, r]));
  const rows = schedules.map((s) => {
    const run = s.lastRunId ? runById.get(s.lastRunId) : undefined;
    return {
      id: s.id,
      name: s.name,
      cron: s.cron,
      timezone: s.timezone,
      enabled: s.enabled,
      target: s.targetType === 'all' ? 'all self-hosted instances' : s.targetType === 'tag' ? `tag ${s.targetRef}` : (names.get(s.targetRef ?? '') ?? `${s.targetType} (removed)`),
      nextRunAt: s.enabled ? nextRunAt(s.cron, s.timezone, now) : null,
      lastRun: run
        ? {
            id: run.id,
            status: run.status,
            trigger: run.trigger,
            startedAt: run.startedAt,
            createdAt: run.createdAt,
            durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
            errors: ((run.errors as unknown[]) ?? []).length,
          }
        : null,
    };
  });
  return { rows, total, page, size: query.size };
}
