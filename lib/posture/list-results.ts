// The results explorer: the instances and results behind any number on the dashboards, a page at a
// time, sorted and filtered in the database. Latest mode reads LatestControlResult (one row per
// instance and control); period mode reads the stored results evaluated in the period.
import { controlMeta, isControlId } from '../controls/catalog';
import { CONTROL_STATUSES } from '../controls/types';
import { db, type Prisma } from '../db/client';
import { pageWindow, type Page } from '../paging/page-query';
import { containsText } from '../paging/text-filter';
import { addDays, endOfDay, utcDay } from './day';
import { postureOnDay } from './posture-on-day';
import { controlsFor, statusesFor, type ResultSort, type ResultsQuery } from './results-query';
import { clampDays, windowDays, type ViewerWindow } from './viewer-window';

export interface ResultRow {
  key: string;
  instanceId: string;
  instanceName: string;
  platform: string;
  controlId: string;
  title: string;
  status: string;
  severity: string;
  /** ISO-8601 */
  evaluatedAt: string;
  snapshotId: string | null;
  evidenceRefs: string[];
  reason: string | null;
}

export interface ResultsPage extends Page<ResultRow> {
  mode: 'latest' | 'period';
  period: { from: string; to: string } | null;
  /** Why the period shown differs from the one asked for (auditor access window). */
  notice: string | null;
}

type Order = 'asc' | 'desc';

/** Later than any rollup day: the newest day written. */
const NEWEST_DAY = '9999-12-31';

/** Orders on LatestControlResult's own indexed columns, except by instance name (a join). */
function orderBy(sort: ResultSort, dir: Order) {
  switch (sort) {
    case 'control':
      return [{ controlId: dir }, { instanceId: dir }];
    case 'instance':
      return [{ instance: { name: dir } }, { controlId: 'asc' as Order }];
    case 'status':
      return [{ status: dir }, { controlId: 'asc' as Order }, { instanceId: 'asc' as Order }];
    case 'evaluatedAt':
      return [{ evaluatedAt: dir }, { controlId: 'asc' as Order }, { instanceId: 'asc' as Order }];
  }
}

const titleOf = (controlId: string) => (isControlId(controlId) ? controlMeta(controlId).title : controlId);

interface Filters {
  controlId?: { in: string[] };
  status?: { in: string[] };
  severity?: string;
  instanceId?: string;
}

function commonFilters(query: ResultsQuery): Filters {
  const controls = controlsFor(query);
  const statuses = statusesFor(query.status);
  return {
    ...(controls ? { controlId: { in: controls } } : {}),
    ...(statuses ? { status: { in: statuses } } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.instance ? { instanceId: query.instance } : {}),
  };
}

function instanceFilter(organizationId: string, query: ResultsQuery): Prisma.InstanceWhereInput {
  return { organizationId, ...(query.platform ? { platform: query.platform } : {}), ...(query.q ? { name: containsText(query.q) } : {}) };
}

/**
 * How many latest results a control/status filter matches, from the newest rollup day: the rollup
 * holds exactly those counts (both are written in the same transaction), without counting rows.
 */
async function totalFromRollup(organizationId: string, query: ResultsQuery): Promise<number> {
  const controls = controlsFor(query);
  const statuses = statusesFor(query.status) ?? CONTROL_STATUSES;
  const { byControl } = await postureOnDay(organizationId, NEWEST_DAY);
  let total = 0;
  for (const [controlId, counts] of byControl) if (!controls || controls.includes(controlId)) for (const s of statuses) total += counts[s];
  return total;
}

async function latestPage(organizationId: string, query: ResultsQuery): Promise<Page<ResultRow>> {
  const byInstance = Boolean(query.platform || query.q || query.instance || query.severity);
  const where: Prisma.LatestControlResultWhereInput = { organizationId, ...commonFilters(query), ...(query.platform || query.q ? { instance: instanceFilter(organizationId, query) } : {}) };
  const total = byInstance ? await db().latestControlResult.count({ where }) : await totalFromRollup(organizationId, query);
  const { page, skip } = pageWindow(total, query.page, query.size);
  const latest = await db().latestControlResult.findMany({
    where,
    orderBy: orderBy(query.sort, query.dir),
    skip,
    take: query.size,
    select: { instanceId: true, controlId: true, status: true, severity: true, snapshotId: true, evaluatedAt: true, instance: { select: { name: true, platform: true } } },
  });
  // The evidence of each row: its stored result, found by the (instanceId, controlId, evaluatedAt) index.
  const stored = latest.length
    ? await db().controlResult.findMany({
        where: { OR: latest.map((r) => ({ instanceId: r.instanceId, controlId: r.controlId, evaluatedAt: r.evaluatedAt })) },
        select: { instanceId: true, controlId: true, evaluatedAt: true, evidenceRefs: true, reason: true },
      })
    : [];
  const evidence = new Map(stored.map((s) => [`${s.instanceId}|${s.controlId}|${s.evaluatedAt.getTime()}`, s]));
  const rows = latest.map((r) => {
    const e = evidence.get(`${r.instanceId}|${r.controlId}|${r.evaluatedAt.getTime()}`);
    return resultRow(`${r.instanceId}|${r.controlId}`, { ...r, evidenceRefs: e?.evidenceRefs ?? [], reason: e?.reason ?? null });
  });
  return { rows, total, page, size: query.size };
}

interface ResultRowSource {
  instanceId: string;
  controlId: string;
  status: string;
  severity: string;
  evaluatedAt: Date;
  snapshotId: string | null;
  evidenceRefs: unknown;
  reason: string | null;
  instance: { name: string; platform: string };
}

function resultRow(key: string, r: ResultRowSource): ResultRow {
  return {
    key,
    instanceId: r.instanceId,
    instanceName: r.instance.name,
    platform: r.instance.platform,
    controlId: r.controlId,
    title: titleOf(r.controlId),
    status: r.status,
    severity: r.severity,
    evaluatedAt: r.evaluatedAt.toISOString(),
    snapshotId: r.snapshotId,
    evidenceRefs: r.evidenceRefs as string[],
    reason: r.reason,
  };
}

async function periodPage(organizationId: string, query: ResultsQuery, bounds: { gte: Date; lt: Date }): Promise<Page<ResultRow>> {
  const where: Prisma.ControlResultWhereInput = { ...commonFilters(query), evaluatedAt: bounds, instance: instanceFilter(organizationId, query) };
  const total = await db().controlResult.count({ where });
  const { page, skip } = pageWindow(total, query.page, query.size);
  const results = await db().controlResult.findMany({
    where,
    orderBy: orderBy(query.sort, query.dir),
    skip,
    take: query.size,
    select: { id: true, instanceId: true, controlId: true, status: true, severity: true, snapshotId: true, evaluatedAt: true, evidenceRefs: true, reason: true, instance: { select: { name: true, platform: true } } },
  });
  const rows = results.map((r) => resultRow(r.id, r));
  return { rows, total, page, size: query.size };
}

/** The period to list: asked for (or the window's default for auditors), cut to the viewer's window. */
function periodFor(query: ResultsQuery, window: ViewerWindow | null, now: Date): { period: { from: string; to: string } | null; notice: string | null } {
  if (!window && !query.from && !query.to) return { period: null, notice: null };
  const fallback = window ? windowDays(window) : { from: addDays(query.to ?? utcDay(now), -29), to: utcDay(now) };
  const asked = { from: query.from ?? fallback.from, to: query.to ?? fallback.to };
  if (asked.from > asked.to) asked.from = asked.to;
  const allowed = clampDays(asked, window);
  if (!window || (allowed && allowed.from === asked.from && allowed.to === asked.to)) return { period: allowed, notice: null };
  const windowText = `${window.fromDay ?? 'the beginning'} to ${window.toDay}`;
  return allowed
    ? { period: allowed, notice: `Showing ${allowed.from} to ${allowed.to}: your access window is ${windowText}.` }
    : { period: windowDays(window), notice: `${asked.from} to ${asked.to} is outside your access window (${windowText}); showing the window instead.` };
}

export async function listResults(organizationId: string, query: ResultsQuery, window: ViewerWindow | null, now = new Date()): Promise<ResultsPage> {
  const { period, notice } = periodFor(query, window, now);
  if (!period) return { ...(await latestPage(organizationId, query)), mode: 'latest', period: null, notice };
  let gte = new Date(`${period.from}T00:00:00Z`);
  let lt = endOfDay(period.to);
  if (window?.start && window.start > gte) gte = window.start;
  if (window && window.end.getTime() + 1 < lt.getTime()) lt = new Date(window.end.getTime() + 1);
  return { ...(await periodPage(organizationId, query, { gte, lt })), mode: 'period', period, notice };
}
