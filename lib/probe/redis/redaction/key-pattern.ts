// Key names never enter evidence; normalized patterns do (catalog §5.3):
// `patient:123-45-6789:labs` → `patient:{ssn}:labs`. A segment stays literal only when at least two
// keys share it at the same position; detector hits, numbers, ids and tokens are always replaced.

import { detectInText } from './detectors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{8,}$/i;
const DIGITS = /^\d+$/;
const BASE64URL = /^[A-Za-z0-9_-]{16,}={0,2}$/;

/** The placeholder for a segment that can never be literal, or null when it could be. */
export function classifySegment(segment: string): string | null {
  const hits = detectInText(segment);
  for (const d of ['ssn', 'email', 'card', 'phone', 'mrn', 'dob'] as const) if (hits.has(d)) return `{${d}}`;
  if (DIGITS.test(segment)) return '{n}';
  if (UUID.test(segment) || HEX.test(segment)) return '{id}';
  if (BASE64URL.test(segment) && /\d/.test(segment)) return '{token}';
  return null;
}

/**
 * Collects keys (in memory only) and produces normalized patterns with counts. Bounded: when the
 * number of distinct intermediate shapes passes `maxShapes`, rare segments are folded to `{s}` early.
 */
export class KeyPatternCounter {
  private shapes = new Map<string, number>();
  private segmentCounts = new Map<string, number>();

  constructor(private readonly maxShapes = 20_000) {}

  add(key: string, count = 1): void {
    const shape = this.shapeOf(key);
    shape.split(':').forEach((part, i) => {
      if (!part.startsWith('\u0001')) return;
      const slot = `${i}\u0000${part.slice(1)}`;
      this.segmentCounts.set(slot, (this.segmentCounts.get(slot) ?? 0) + count);
    });
    this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + count);
    if (this.shapes.size > this.maxShapes) this.fold(2);
  }

  /** The normalized pattern of one key, given the keys added so far. */
  patternOf(key: string): string {
    return this.finalize(this.shapeOf(key), 2);
  }

  private shapeOf(key: string): string {
    return key
      .split(':')
      .map((segment) => classifySegment(segment) ?? `\u0001${segment}`)
      .join(':');
  }

  /** Normalized patterns, most frequent first. */
  patterns(): { pattern: string; count: number }[] {
    const out = new Map<string, number>();
    for (const [shape, count] of this.shapes) {
      const pattern = this.finalize(shape, 2);
      out.set(pattern, (out.get(pattern) ?? 0) + count);
    }
    return [...out.entries()].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
  }

  private finalize(shape: string, minShared: number): string {
    return shape
      .split(':')
      .map((part, i) => {
        if (!part.startsWith('\u0001')) return part;
        const segment = part.slice(1);
        return (this.segmentCounts.get(`${i}\u0000${segment}`) ?? 0) >= minShared ? segment : '{s}';
      })
      .join(':');
  }

  private fold(minShared: number): void {
    const folded = new Map<string, number>();
    for (const [shape, count] of this.shapes) {
      const parts = this.finalize(shape, minShared)
        .split(':')
        .map((p) => (p.startsWith('{') && p.endsWith('}') ? p : `\u0001${p}`));
      const next = parts.join(':');
      folded.set(next, (folded.get(next) ?? 0) + count);
    }
    this.shapes = folded;
  }
}

/** Normalizes a small population of names at once (ACL LOG objects). */
export function normalizePatterns(names: string[]): string[] {
  const counter = new KeyPatternCounter();
  for (const n of names) counter.add(n);
  return names.map((n) => counter.patternOf(n));
}
