// Cron patterns and time zones of schedules (croner). Five fields, minute precision.
import { Cron } from 'croner';

export function timezoneError(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return null;
  } catch {
    return `unknown time zone "${timezone}": use an IANA name such as "UTC", "America/Chicago" or "Europe/Berlin"`;
  }
}

export function cronError(pattern: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5) return `a schedule has 5 fields "minute hour day-of-month month day-of-week", e.g. "0 3 * * *" for 03:00 every day (got ${fields.length})`;
  try {
    new Cron(pattern, { paused: true });
    return null;
  } catch (err) {
    return `invalid cron pattern "${pattern}": ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function nextRunAt(pattern: string, timezone: string, after = new Date()): Date | null {
  return new Cron(pattern, { timezone, paused: true }).nextRun(after);
}
