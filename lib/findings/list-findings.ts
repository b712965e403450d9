// The findings list: filtered (state, severity, control, instance, assignee, overdue), sorted and
// paged in the database — one query for the page and one for the count, selecting only what the
// list shows. Severity is ordered by rank (critical … low), not alphabetically: that page is read
// per severity segment, sized by a GROUP BY that also gives the total.
import { z } from 'zod';
import { isControlId } from '../controls/catalog';
import { SEVERITIES } from '../controls/types';
import { db, type Prisma } from '../db/client';
import { pageQueryShape, pageWindow, type Page } from '../paging/page-query';
import { containsText } from '../paging/text-filter';
import { controlTitle } from './finding-payload';
import { ACTIVE_STATES, FINDING_STATES, isActive } from './lifecycle';
import { assigneeCondition, assigneeParam, overdueParam } from './list-filters';
import { isOverdue } from './sla';

export const FINDING_SORTS = ['due', 'severity', 'control', 'instance', 'state', 'assignee'] as const;
export const FINDING_STATE_FILTERS = ['active', 'all', ...FINDING_STATES] as const;

const filterShape = {
  state: z.enum(FINDING_STATE_FILTERS, { error: `state must be one of ${FINDING_STATE_FILTERS.join(', ')}` }).default('active'),
  severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(', ')}` }).optional(),
  overdue: overdueParam,
  control: z.string().refine(isControlId, { error: 'control must be a catalog control id, e.g. RED-TLS-001' }).optional(),
  instanceId: z.string().max(64, 'instanceId must be an instance id').optional(),
  q: z.string().max(100, 'q (instance name search) must be at most 100 characters').optional(),
  assigneeId: assigneeParam,
};

/** Filters alone (the instance page's panel, the engineer's queue). */
const findingFiltersSchema = z.object(filterShape);
type FindingFilters = z.infer<typeof findingFiltersSchema>;

/** The /findings page: filters plus page, size, sort (default: earliest due first) and dir. */
export const findingsQuerySchema = z.object({ ...pageQueryShape(FINDING_SORTS, 'due', 'asc'), ...filterShape });
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

export interface FindingRow {
  id: string;
  controlId: string;
  title: string;
  severity: string;
  state: string;
  instance: { id: string; name: string };
  dueAt: Date;
  overdue: boolean;
  lastStatus: string | null;
  /** Set when the latest result could not verify the control (error / not assessable). */
  notVerifiedSince: Date | null;
  assignee: { id: string; name: string } | null;
  ticket: { id: string; title: string } | null;
  exceptionUntil: Date | null;
}

export function notVerifiedSince(f: { lastStatus: string | null; lastVerifiedAt: Date | null; firstDetectedAt: Date }): Date | null {
  if (f.lastStatus === null || f.lastStatus === 'pass' || f.lastStatus === 'fail') return null;
  return f.lastVerifiedAt ?? f.firstDetectedAt;
}

function findingsWhere(organizationId: string, f: FindingFilters, viewerId: string | null, now: Date): Prisma.FindingWhereInput {
  const where: Prisma.FindingWhereInput = { organizationId };
  if (f.state === 'active') where.state = { in: [...ACTIVE_STATES] };
  else if (f.state !== 'all') where.state = f.state;
  if (f.overdue === 'yes') {
    // Only active findings are overdue: a chosen state that is not active leaves nothing.
    where.dueAt = { lt: now };
    where.state = f.state === 'all' || f.state === 'active' ? { in: [...ACTIVE_STATES] } : isActive(f.state) ? f.state : { in: [] };
  }
  if (f.severity) where.severity = f.severity;
  if (f.control) where.controlId = f.control;
  if (f.instanceId) where.instanceId = f.instanceId;
  if (f.q) where.instance = { name: containsText(f.q) };
  const assignee = assigneeCondition(f.assigneeId, viewerId);
  if (assignee !== undefined) where.assigneeId = assignee;
  return where;
}

type Dir = 'asc' | 'desc';
const ORDER: Record<Exclude<FindingsQuery['sort'], 'severity'>, (dir: Dir) => Prisma.FindingOrderByWithRelationInput[]> = {
  due: (dir) => [{ dueAt: dir }, { id: 'asc' }],
  control: (dir) => [{ controlId: dir }, { dueAt: 'asc' }, { id: 'asc' }],
  instance: (dir) => [{ instance: { name: dir } }, { dueAt: 'asc' }, { id: 'asc' }],
  state: (dir) => [{ state: dir }, { dueAt: 'asc' }, { id: 'asc' }],
  assignee: (dir) => [{ assignee: { name: dir } }, { dueAt: 'asc' }, { id: 'asc' }],
};

const rowSelect = (now: Date) =>
  ({
    id: true,
    controlId: true,
    severity: true,
    state: true,
    firstDetectedAt: true,
    lastVerifiedAt: true,
    lastStatus: true,
    dueAt: true,
    instance: { select: { id: true, name: true } },
    assignee: { select: { id: true, name: true } },
    ticket: { select: { id: true, title: true } },
    exceptions: { where: { status: 'approved', expiresAt: { gt: now } }, select: { expiresAt: true }, orderBy: { expiresAt: 'desc' }, take: 1 },
  }) satisfies Prisma.FindingSelect;

type Selected = Prisma.FindingGetPayload<{ select: ReturnType<typeof rowSelect> }>;

function toRow(r: Selected, now: Date): FindingRow {
  return {
    id: r.id,
    controlId: r.controlId,
    title: controlTitle(r.controlId),
    severity: r.severity,
    state: r.state,
    instance: r.instance,
    dueAt: r.dueAt,
    overdue: isOverdue(r, now),
    lastStatus: r.lastStatus,
    notVerifiedSince: notVerifiedSince(r),
    assignee: r.assignee,
    ticket: r.ticket,
    exceptionUntil: r.exceptions[0]?.expiresAt ?? null,
  };
}

/** Severities from the most severe (desc) or the least (asc); values outside the catalog come last. */
function severitySegments(counts: Map<string, number>, dir: Dir): [string, number][] {
  const ranked = dir === 'desc' ? [...SEVERITIES] : [...SEVERITIES].reverse();
  const others = [...counts.keys()].filter((s) => !(SEVERITIES as readonly string[]).includes(s)).sort();
  return [...ranked, ...others].map((s) => [s, counts.get(s) ?? 0]);
}

async function severityPage(where: Prisma.FindingWhereInput, query: FindingsQuery, now: Date): Promise<Page<FindingRow>> {
  const groups = await db().finding.groupBy({ by: ['severity'], where, _count: { _all: true } });
  const counts = new Map(groups.map((g) => [g.severity, g._count._all]));
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  const { page, skip } = pageWindow(total, query.page, query.size);
  const rows: FindingRow[] = [];
  let start = 0;
  for (const [severity, count] of severitySegments(counts, query.dir)) {
    const from = Math.max(skip, start);
    const to = Math.min(skip + query.size, start + count);
    if (from < to) {
      const part = await db().finding.findMany({ where: { ...where, severity }, orderBy: ORDER.due('asc'), skip: from - start, take: to - from, select: rowSelect(now) });
      rows.push(...part.map((r) => toRow(r, now)));
    }
    start += count;
  }
  return { rows, total, page, size: query.size };
}

/** One page of the findings list; `viewerId` is who `assigneeId=me` means. */
export async function listFindingsPage(organizationId: string, query: FindingsQuery, viewerId: string, now = new Date()): Promise<Page<FindingRow>> {
  const where = findingsWhere(organizationId, query, viewerId, now);
  if (query.sort === 'severity') return severityPage(where, query, now);
  const total = await db().finding.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const found = await db().finding.findMany({ where, orderBy: ORDER[query.sort](query.dir), skip, take: query.size, select: rowSelect(now) });
  return { rows: found.map((r) => toRow(r, now)), total, page, size: query.size };
}

/** Findings matching the filters, earliest due first (overdue ones lead), at most 1,000. */
export async function listFindings(organizationId: string, filters: Partial<FindingFilters> = {}, now = new Date(), viewerId: string | null = null): Promise<FindingRow[]> {
  const where = findingsWhere(organizationId, findingFiltersSchema.parse(filters), viewerId, now);
  const found = await db().finding.findMany({ where, orderBy: ORDER.due('asc'), take: 1000, select: rowSelect(now) });
  return found.map((r) => toRow(r, now));
}
