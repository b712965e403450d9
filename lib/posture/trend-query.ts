// The trend range parameter (GET /api/dashboard/trend?days=…) and the range a viewer gets: the last
// `days` days up to today, cut to an auditor's access window.
import { z } from 'zod';
import { utcDay } from './day';
import { trendRange } from './posture-trend';
import { TREND_RANGES, type TrendRange } from './trend-ranges';
import { clampDays, type ViewerWindow } from './viewer-window';

export const trendQuerySchema = z.object({
  days: z.coerce
    .number({ error: `days must be one of ${TREND_RANGES.join(', ')}` })
    .refine((n): n is TrendRange => (TREND_RANGES as readonly number[]).includes(n), { error: `days must be one of ${TREND_RANGES.join(', ')}` })
    .default(30),
});

/** null when the window holds none of the range (e.g. an auditor window that ended long ago). */
export function viewerTrendRange(days: number, window: ViewerWindow | null, now = new Date()): { from: string; to: string } | null {
  return clampDays(trendRange(window?.toDay ?? utcDay(now), days), window);
}
