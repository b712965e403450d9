// A UTC calendar day in a query parameter (YYYY-MM-DD).
import { z } from 'zod';

export function dayParam(name: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date written YYYY-MM-DD, e.g. 2026-01-31`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: `${name} is not a calendar date (check the month and day)`,
    });
}
