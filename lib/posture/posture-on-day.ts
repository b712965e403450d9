// The organisation's posture at the end of a day, per control, from the rollup alone: the rows of
// the latest day written on or before it (days without a status change have no rows of their own).
import { db } from '../db/client';
import { addCounts, emptyCounts, fromRollup, type StatusCounts } from './status-counts';

export interface DayPosture {
  /** The rollup day the figures come from (null: nothing assessed yet). */
  day: string | null;
  byControl: Map<string, StatusCounts>;
  totals: StatusCounts;
}

export async function postureOnDay(organizationId: string, onOrBefore: string): Promise<DayPosture> {
  const latest = await db().postureDaily.findFirst({ where: { organizationId, day: { lte: onOrBefore } }, orderBy: { day: 'desc' }, select: { day: true } });
  const byControl = new Map<string, StatusCounts>();
  const totals = emptyCounts();
  if (!latest) return { day: null, byControl, totals };
  const rows = await db().postureDaily.findMany({
    where: { organizationId, day: latest.day },
    select: { controlId: true, pass: true, fail: true, error: true, notAssessable: true, notApplicable: true },
  });
  for (const row of rows) {
    const counts = fromRollup(row);
    byControl.set(row.controlId, counts);
    addCounts(totals, counts);
  }
  return { day: latest.day, byControl, totals };
}

/** Instances with a recorded result: every scan evaluates every control (not_applicable included). */
export function assessedInstances(posture: DayPosture): number {
  let most = 0;
  for (const counts of posture.byControl.values()) most = Math.max(most, counts.pass + counts.fail + counts.error + counts.not_assessable + counts.not_applicable);
  return most;
}
