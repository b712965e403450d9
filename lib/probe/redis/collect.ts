import type { Collected } from '@/lib/facts/common';
import { missing } from './outcome';

/** Runs one collection step; any failure becomes a recorded outcome, never an exception. */
export async function collect<T>(source: string, step: () => Promise<T>): Promise<Collected<T>> {
  try {
    return { ok: true, value: await step(), source };
  } catch (err) {
    return missing(source, err);
  }
}

/** A fact derived from another: missing stays missing (same outcome), present is transformed. */
export function derive<A, B>(from: Collected<A>, source: string, fn: (value: A) => B): Collected<B> {
  if (!from.ok) return { ...from, source };
  try {
    return { ok: true, value: fn(from.value), source };
  } catch (err) {
    return missing(source, err);
  }
}
