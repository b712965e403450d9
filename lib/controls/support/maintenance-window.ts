// Weekly windows (`sun:07:00-sun:08:00`, Memorystore day + start + duration) as minutes of the
// week, to test that a resource's maintenance window lies inside an approved one (RED-CFG-003).

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = 7 * 24 * 60;

export interface WeeklyWindow {
  /** Minutes since Monday 00:00 UTC. */
  start: number;
  /** Length in minutes (wrapping over Sunday midnight is allowed). */
  length: number;
}

function minuteOfWeek(day: string, hhmm: string): number | null {
  const dayIndex = DAYS.indexOf(day.slice(0, 3).toLowerCase());
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (dayIndex < 0 || !match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return dayIndex * 1440 + Number(match[1]) * 60 + Number(match[2]);
}

/** `ddd:hh24:mi-ddd:hh24:mi` (the ElastiCache format); null when it does not parse. */
export function parseWeeklyWindow(text: string): WeeklyWindow | null {
  const match = /^([a-z]{3}):(\d{2}:\d{2})-([a-z]{3}):(\d{2}:\d{2})$/i.exec(text.trim());
  if (!match) return null;
  const start = minuteOfWeek(match[1], match[2]);
  const end = minuteOfWeek(match[3], match[4]);
  if (start === null || end === null) return null;
  return { start, length: (end - start + WEEK) % WEEK };
}

/** A Memorystore weekly window: `SUNDAY`, 06:00, `3600s`. */
export function memorystoreWindow(day: string | null, hours: number, minutes: number, duration: string | null): WeeklyWindow | null {
  const dayIndex = DAYS.indexOf((day ?? '').slice(0, 3).toLowerCase());
  const seconds = /^(\d+)(?:\.\d+)?s$/.exec(duration ?? '');
  if (dayIndex < 0 || !seconds) return null;
  return { start: dayIndex * 1440 + hours * 60 + minutes, length: Math.round(Number(seconds[1]) / 60) };
}

/** `inner` starts at or after `outer` starts and ends no later than it ends. */
export function windowInside(inner: WeeklyWindow, outer: WeeklyWindow): boolean {
  const offset = (inner.start - outer.start + WEEK) % WEEK;
  return offset + inner.length <= outer.length;
}
