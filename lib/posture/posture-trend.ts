// Daily posture over a range of days, from the rollup alone (summed per day in the database), with
// days that have no rows of their own carrying the previous day's figures forward.
import { db } from '../db/client';
import { addDays, daysBetween } from './day';
import { emptyCounts, fromRollup, notAssessed, postureScore, type StatusCounts } from './status-counts';

export interface TrendPoint {
  day: string;
  /** 0–100, one decimal; null before anything was assessed. */
  score: number | null;
  pass: number;
  fail: number;
  notAssessed: number;
  notApplicable: number;
}

function point(day: string, counts: StatusCounts | null): TrendPoint {
  const c = counts ?? emptyCounts();
  const score = postureScore(c);
  return { day, score: score === null ? null : Math.round(score * 1000) / 10, pass: c.pass, fail: c.fail, notAssessed: notAssessed(c), notApplicable: c.not_applicable };
}

/** Points for every day from `from` to `to` (both included, YYYY-MM-DD). */
export async function postureTrend(organizationId: string, range: { from: string; to: string }): Promise<TrendPoint[]> {
  const base = await db().postureDaily.findFirst({ where: { organizationId, day: { lte: range.from } }, orderBy: { day: 'desc' }, select: { day: true } });
  const sums = await db().postureDaily.groupBy({
    by: ['day'],
    where: { organizationId, day: { gte: base?.day ?? range.from, lte: range.to } },
    _sum: { pass: true, fail: true, error: true, notAssessable: true, notApplicable: true },
  });
  const byDay = new Map(sums.map((s) => [s.day, fromRollup({ pass: s._sum.pass ?? 0, fail: s._sum.fail ?? 0, error: s._sum.error ?? 0, notAssessable: s._sum.notAssessable ?? 0, notApplicable: s._sum.notApplicable ?? 0 })]));
  let carried: StatusCounts | null = base ? (byDay.get(base.day) ?? null) : null;
  return daysBetween(range.from, range.to).map((day) => {
    carried = byDay.get(day) ?? carried;
    return point(day, carried);
  });
}

/** The last `days` days up to `to`, both included. */
export function trendRange(to: string, days: number): { from: string; to: string } {
  return { from: addDays(to, -(days - 1)), to };
}
