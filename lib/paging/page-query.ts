// Query parameters shared by every server-paginated list: page, size, sort, dir — parsed with zod
// from URL search params, with messages that say what is wrong and what is accepted.
import { z } from 'zod';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export function pageQueryShape<S extends string>(sorts: readonly [S, ...S[]], defaultSort: S, defaultDir: SortDirection) {
  return {
    page: z.coerce.number({ error: 'page must be a whole number, 1 or more' }).int('page must be a whole number, 1 or more').min(1, 'page must be a whole number, 1 or more').default(1),
    size: z.coerce
      .number({ error: `size must be one of ${PAGE_SIZES.join(', ')}` })
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), { error: `size must be one of ${PAGE_SIZES.join(', ')}` })
      .default(DEFAULT_PAGE_SIZE),
    sort: z.enum(sorts, { error: `sort must be one of ${sorts.join(', ')}` }).default(defaultSort),
    dir: z.enum(SORT_DIRECTIONS, { error: 'dir must be asc or desc' }).default(defaultDir),
  };
}

export interface Page<Row> {
  rows: Row[];
  total: number;
  /** The page shown (a page past the end shows the last one). */
  page: number;
  size: number;
}

/** Rows to skip for a page, after moving a page past the end back to the last page. */
export function pageWindow(total: number, page: number, size: number): { page: number; skip: number } {
  const last = Math.max(1, Math.ceil(total / size));
  const shown = Math.min(page, last);
  return { page: shown, skip: (shown - 1) * size };
}

export type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** First value of each parameter; empty values (an "All" choice in a filter form) are left out. */
export function searchParamsObject(params: RawSearchParams): Record<string, string> {
  const entries: [string, string | string[] | undefined][] = params instanceof URLSearchParams ? [...params.keys()].map((k) => [k, params.get(k) ?? undefined]) : Object.entries(params);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') out[key] = first.trim();
  }
  return out;
}

/** "size: must be one of 10, 25, 50, 100; sort: …" — every problem, named by parameter. */
export function describeProblems(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length && !i.message.startsWith(String(i.path[0])) ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export type Parsed<T> = { ok: true; query: T } | { ok: false; problem: string; query: T };

/**
 * Parses list parameters. Pages show the problem and keep the parameters that were understood
 * (the others fall back to their defaults, so `query` is always usable); route handlers answer 400.
 */
export function parseListQuery<T>(schema: z.ZodType<T>, params: RawSearchParams): Parsed<T> {
  const input = searchParamsObject(params);
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  const rejected = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  const kept = schema.safeParse(Object.fromEntries(Object.entries(input).filter(([key]) => !rejected.has(key))));
  return { ok: false, problem: describeProblems(parsed.error), query: kept.success ? kept.data : schema.parse({}) };
}
