// Everything the compliance officer's home shows, loaded together. Posture and trend come from the
// daily rollups only; findings, tickets, drills, rotations and inventory are counted in the database.
import { dueWork, type DueWork } from './due-work';
import { frameworkPosture, type RequirementPosture } from './framework-posture';
import { inventoryBreakdown, type InventoryBreakdown } from './inventory-breakdown';
import { assessedInstances, postureOnDay } from './posture-on-day';
import { postureTrend, type TrendPoint } from './posture-trend';
import { notAssessed, postureScore, type StatusCounts } from './status-counts';
import { topFailingControls, type FailingControl } from './top-failing-controls';
import { viewerTrendRange } from './trend-query';
import { utcDay } from './day';
import type { ViewerWindow } from './viewer-window';

export const HOME_TREND_DAYS = 30;

export interface OfficerHome {
  /** The day the posture figures are for (today, or the end of an auditor's window). */
  asOf: string;
  /** The rollup day they come from (null: nothing assessed yet). */
  postureDay: string | null;
  totals: StatusCounts;
  score: number | null;
  notAssessed: number;
  assessedInstances: number;
  hipaa: RequirementPosture[];
  hitrust: RequirementPosture[];
  topFailing: FailingControl[];
  trend: { days: number; from: string; to: string; points: TrendPoint[] } | null;
  inventory: InventoryBreakdown;
  due: DueWork;
}

export async function officerHome(organizationId: string, window: ViewerWindow | null, now = new Date()): Promise<OfficerHome> {
  const asOf = window?.toDay ?? utcDay(now);
  const range = viewerTrendRange(HOME_TREND_DAYS, window, now);
  const [posture, points, inventory, due] = await Promise.all([
    postureOnDay(organizationId, asOf),
    range ? postureTrend(organizationId, range) : Promise.resolve(null),
    inventoryBreakdown(organizationId),
    dueWork(organizationId, now),
  ]);
  return {
    asOf,
    postureDay: posture.day,
    totals: posture.totals,
    score: postureScore(posture.totals),
    notAssessed: notAssessed(posture.totals),
    assessedInstances: assessedInstances(posture),
    hipaa: frameworkPosture('hipaa', posture.byControl),
    hitrust: frameworkPosture('hitrust', posture.byControl),
    topFailing: topFailingControls(posture.byControl),
    trend: range && points ? { days: HOME_TREND_DAYS, ...range, points } : null,
    inventory,
    due,
  };
}
