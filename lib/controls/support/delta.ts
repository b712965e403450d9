// Comparing a snapshot with the previous one (MON-*). Counters reset when the server restarts:
// a restart inside the interval makes the current value the whole delta.

import type { SelfHostedFacts } from '../../facts/self-hosted';

export interface Interval {
  from: string;
  to: string;
  hours: number;
  /** The server restarted since the previous snapshot (uptime shorter than the interval). */
  restarted: boolean;
}

export function intervalBetween(previous: SelfHostedFacts, current: SelfHostedFacts): Interval {
  const ms = Date.parse(current.meta.collectedAt) - Date.parse(previous.meta.collectedAt);
  const uptime = current.server.ok ? current.server.value.uptimeSeconds : null;
  return {
    from: previous.meta.collectedAt,
    to: current.meta.collectedAt,
    hours: ms / 3_600_000,
    restarted: uptime !== null && uptime * 1000 < ms,
  };
}

/** Growth of a monotonic counter over the interval. */
export function counterDelta(previous: number, current: number, interval: Interval): number {
  return interval.restarted || current < previous ? current : current - previous;
}

export const NO_BASELINE = 'no baseline yet: no previous snapshot of this instance';
