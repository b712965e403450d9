import { describe, expect, it } from 'vitest';
import { daysBetween } from '@/lib/posture/day';
import { viewerTrendRange } from '@/lib/posture/trend-query';
import { clampDays, windowDays, type ViewerWindow } from '@/lib/posture/viewer-window';

const window = (fromDay: string | null, toDay: string): ViewerWindow => ({
  start: fromDay ? new Date(`${fromDay}T00:00:00Z`) : null,
  end: new Date(`${toDay}T12:00:00Z`),
  fromDay,
  toDay,
});

describe('auditor access window on day-based views', () => {
  it('cuts a range to the window, or to nothing', () => {
    expect(clampDays({ from: '2026-01-01', to: '2026-12-31' }, window('2026-03-01', '2026-06-30'))).toEqual({ from: '2026-03-01', to: '2026-06-30' });
    expect(clampDays({ from: '2025-01-01', to: '2025-02-01' }, window('2026-03-01', '2026-06-30'))).toBeNull();
    expect(clampDays({ from: '2026-01-01', to: '2026-01-31' }, null)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(clampDays({ from: '2020-01-01', to: '2026-01-31' }, window(null, '2026-01-10'))).toEqual({ from: '2020-01-01', to: '2026-01-10' });
  });

  it('defaults to the whole window, or its last 90 days when it has no start', () => {
    expect(windowDays(window('2026-03-01', '2026-06-30'))).toEqual({ from: '2026-03-01', to: '2026-06-30' });
    expect(daysBetween(windowDays(window(null, '2026-06-30')).from, '2026-06-30')).toHaveLength(90);
  });

  it('ends the trend at the end of the window', () => {
    const now = new Date('2026-07-15T08:00:00Z');
    expect(viewerTrendRange(30, null, now)).toEqual({ from: '2026-06-16', to: '2026-07-15' });
    expect(viewerTrendRange(30, window('2026-06-20', '2026-06-30'), now)).toEqual({ from: '2026-06-20', to: '2026-06-30' });
  });
});
