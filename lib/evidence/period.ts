// The period a package covers: whole UTC days, `from` and `to` inclusive. Stored and queried as
// [start, endExclusive) so a result at 23:59:59.999 on `to` is in and midnight after it is out.
import { z } from 'zod';

const DAY_MS = 86_400_000;

const isoDay = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date written YYYY-MM-DD, e.g. 2026-01-31`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: `${name} is not a calendar date (check the month and day)`,
    });

export interface EvidencePeriod {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD (UTC), inclusive. */
  to: string;
  start: Date;
  endExclusive: Date;
}

export function periodInputSchema(now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  return z
    .object({ from: isoDay('from'), to: isoDay('to') })
    .refine((p) => p.from <= p.to, { message: 'from must be on or before to (the period runs from the first day to the last, inclusive)', path: ['to'] })
    .refine((p) => p.to <= today, { message: `to must not be after today (${today}, UTC): evidence cannot cover days that have not happened yet`, path: ['to'] });
}

export function toPeriod(from: string, to: string): EvidencePeriod {
  const start = new Date(`${from}T00:00:00Z`);
  return { from, to, start, endExclusive: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) };
}

/** Rebuilds the period of a stored package row. */
export function periodOfRow(row: { periodFrom: Date; periodTo: Date }): EvidencePeriod {
  return toPeriod(row.periodFrom.toISOString().slice(0, 10), new Date(row.periodTo.getTime() - DAY_MS).toISOString().slice(0, 10));
}

export function describePeriod(period: EvidencePeriod): string {
  return `${period.from} to ${period.to} (UTC, both days included)`;
}
