// Key names never enter evidence; normalized patterns do (catalog §5.3):
// `patient:123-45-6789:labs` → `patient:{ssn}:labs`. A segment stays literal only when at least two
// keys share it at the same position; detector hits, numbers, ids, dates and tokens are always
// replaced, and a pattern always keeps at least one placeholder, so no pattern is ever a full key.
//
// Streaming and bounded: a key becomes a "shape" once (segments classified, literal candidates
// marked), shapes are counted per class, and literal candidates are counted in one shared table
// that drops its rarest entries when it grows (a dropped segment can only become `{s}`: more
// masking, never less).

import type { PhiDetector } from '@/lib/facts/common';
import { detectInText, mightHoldIdentifier } from './detectors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{8,}$/i;
const DIGITS = /^\d+$/;
const BASE64URL = /^[A-Za-z0-9_-]{16,}={0,2}$/;
const DATE = /^(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/;
const DETECTOR_ORDER = ['ssn', 'email', 'card', 'phone', 'mrn', 'dob'] as const;
/** Segment names that make the next segment a field value (`ssn:123456789`, `dob:1970-01-02`). */
const CONTEXT_FIELD = /^(?:ssn|social|mrn|dob|birth_?date|date_of_birth|phone|tel|telephone|mobile)/i;
/** Marks a literal candidate inside a shape (never part of a real segment we keep). */
const LITERAL = '\u0001';
const SEP = ':';

/** The placeholder for a segment that can never be literal, or null when it could be. */
export function classifySegment(segment: string, fieldName?: string): string | null {
  if (fieldName !== undefined || mightHoldIdentifier(segment)) {
    const hits = detectInText(segment, fieldName);
    for (const d of DETECTOR_ORDER) if (hits.has(d)) return `{${d}}`;
  }
  if (DIGITS.test(segment)) return '{n}';
  if (UUID.test(segment) || HEX.test(segment)) return '{id}';
  if (DATE.test(segment)) return '{date}';
  if (BASE64URL.test(segment) && /\d/.test(segment)) return '{token}';
  return null;
}

/** Counts of literal candidates per position, shared by every counter of one audit. */
export class SegmentTable {
  private counts = new Map<string, number>();

  constructor(private readonly maxEntries = 200_000) {}

  add(slot: string): void {
    this.counts.set(slot, (this.counts.get(slot) ?? 0) + 1);
    if (this.counts.size > this.maxEntries) this.prune();
  }

  count(slot: string): number {
    return this.counts.get(slot) ?? 0;
  }

  /** Drops the entries seen once (the bulk when every key has its own segment). */
  private prune(): void {
    for (const [slot, n] of this.counts) if (n < 2) this.counts.delete(slot);
    // Still too many shared segments: keep the most frequent half.
    if (this.counts.size > this.maxEntries / 2) {
      const kept = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, Math.floor(this.maxEntries / 4));
      this.counts = new Map(kept);
    }
  }
}

export interface KeyShape {
  /** Segments joined by `:`; literal candidates are prefixed with \u0001 and carry their position. */
  shape: string;
  /** Detectors that fired on a segment (DATA-004), empty for most keys. */
  detectors: PhiDetector[];
}

const NO_DETECTORS: PhiDetector[] = [];

/** Turns keys into shapes; remembers the classification of frequent segments. */
export class KeyShaper {
  private memo = new Map<string, string | null>();

  constructor(
    readonly segments: SegmentTable = new SegmentTable(),
    private readonly memoSize = 20_000,
  ) {}

  shape(key: string): KeyShape {
    const parts = key.split(SEP);
    let detectors = NO_DETECTORS;
    let previous: string | undefined;
    for (let i = 0; i < parts.length; i++) {
      const segment = parts[i];
      const field = previous !== undefined && CONTEXT_FIELD.test(previous) ? previous : undefined;
      let placeholder: string | null | undefined = field === undefined ? this.memo.get(segment) : undefined;
      if (placeholder === undefined) {
        placeholder = classifySegment(segment, field);
        if (field === undefined) {
          if (this.memo.size >= this.memoSize) this.memo.clear();
          this.memo.set(segment, placeholder);
        }
      }
      if (placeholder === null) {
        this.segments.add(`${i}${LITERAL}${segment}`);
        parts[i] = LITERAL + segment;
      } else {
        parts[i] = placeholder;
        const detector = placeholder.slice(1, -1) as PhiDetector;
        if ((DETECTOR_ORDER as readonly string[]).includes(detector)) {
          if (detectors === NO_DETECTORS) detectors = [];
          if (!detectors.includes(detector)) detectors.push(detector);
        }
      }
      previous = segment;
    }
    return { shape: parts.join(SEP), detectors };
  }
}

/** The normalized pattern of a shape, given how often its literal candidates were seen. */
export function finalizeShape(shape: string, segments: SegmentTable, minShared = 2): string {
  let placeholders = 0;
  const parts = shape.split(SEP).map((part, i) => {
    if (!part.startsWith(LITERAL)) {
      placeholders++;
      return part;
    }
    const segment = part.slice(1);
    if (segments.count(`${i}${LITERAL}${segment}`) >= minShared) return segment;
    placeholders++;
    return '{s}';
  });
  // Every segment shared: the pattern would be a real key name. Mask the last segment.
  if (placeholders === 0) parts[parts.length - 1] = '{s}';
  // Key names are bytes read as latin1; show literal UTF-8 segments as text.
  return Buffer.from(parts.join(SEP), 'latin1').toString('utf8');
}

/** Shapes with counts; bounded by folding rare literal segments when too many distinct shapes exist. */
export class PatternCounter {
  private shapes = new Map<string, number>();

  constructor(
    private readonly segments: SegmentTable,
    private readonly maxShapes = 5_000,
  ) {}

  add(shape: string, count = 1): void {
    this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + count);
    if (this.shapes.size > this.maxShapes) this.fold();
  }

  /** Normalized patterns, most frequent first. */
  patterns(): { pattern: string; count: number }[] {
    const out = new Map<string, number>();
    for (const [shape, count] of this.shapes) {
      const pattern = finalizeShape(shape, this.segments);
      out.set(pattern, (out.get(pattern) ?? 0) + count);
    }
    return [...out.entries()].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
  }

  /** Replaces the literal candidates seen once by `{s}`, merging the shapes that become equal. */
  private fold(): void {
    const folded = new Map<string, number>();
    for (const [shape, count] of this.shapes) {
      const next = shape
        .split(SEP)
        .map((part, i) => (part.startsWith(LITERAL) && this.segments.count(`${i}${part}`) < 2 ? '{s}' : part))
        .join(SEP);
      folded.set(next, (folded.get(next) ?? 0) + count);
    }
    this.shapes = folded;
  }
}

/** Keys in, patterns out, for a small population at once (tests, ACL LOG objects). */
export class KeyPatternCounter {
  private readonly shaper = new KeyShaper();
  private readonly counter: PatternCounter;

  constructor(maxShapes = 5_000) {
    this.counter = new PatternCounter(this.shaper.segments, maxShapes);
  }

  add(key: string, count = 1): void {
    this.counter.add(this.shaper.shape(key).shape, count);
  }

  /** The normalized pattern of a key already added. */
  patternOf(key: string): string {
    const parts = key.split(SEP).map((segment, i, all) => {
      const previous = all[i - 1];
      return classifySegment(segment, previous !== undefined && CONTEXT_FIELD.test(previous) ? previous : undefined) ?? LITERAL + segment;
    });
    return finalizeShape(parts.join(SEP), this.shaper.segments);
  }

  patterns(): { pattern: string; count: number }[] {
    return this.counter.patterns();
  }
}

/** Normalizes a small population of names at once (ACL LOG objects). */
export function normalizePatterns(names: string[]): string[] {
  const counter = new KeyPatternCounter();
  for (const n of names) counter.add(n);
  return names.map((n) => counter.patternOf(n));
}
