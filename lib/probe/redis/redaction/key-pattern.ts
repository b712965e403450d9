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

const BASE64URL = /^[A-Za-z0-9_-]{16,}={0,2}$/;
const DATE = /^(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/;
const DETECTOR_ORDER = ['ssn', 'email', 'card', 'phone', 'mrn', 'dob'] as const;
/** Segment names that make the next segment a field value (`ssn:123456789`, `dob:1970-01-02`). */
const CONTEXT_FIELD = /^(?:ssn|social|mrn|dob|birth_?date|date_of_birth|phone|tel|telephone|mobile)/i;
/** Marks a literal candidate inside a shape (never part of a real segment we keep). */
const LITERAL = '\u0001';
const SEP = ':';

/** Luhn plus a card brand's prefix and length (the card detector's rule for a bare digit run). */
function digitsLookLikeCard(segment: string): boolean {
  return segment.length >= 13 && segment.length <= 19 && detectInText(segment).has('card');
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** 8-4-4-4-12 hex digits. */
function isUuid(segment: string): boolean {
  if (segment.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = segment.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !isHexDigit(c)) return false;
  }
  return true;
}

/**
 * The placeholder for a segment that can never be literal, or null when it could be. One pass over
 * the characters settles the common cases (numbers, hex ids, UUIDs); the detectors run only where
 * an identifier could be (see `mightHoldIdentifier`) or when the previous segment names a field.
 */
export function classifySegment(segment: string, fieldName?: string): string | null {
  if (fieldName !== undefined) {
    const hits = detectInText(segment, fieldName);
    for (const d of DETECTOR_ORDER) if (hits.has(d)) return `{${d}}`;
  }
  const n = segment.length;
  if (n === 0) return null;
  let digits = 0;
  let hex = 0;
  for (let i = 0; i < n; i++) {
    const c = segment.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) hex++;
  }
  // Only the card detector can fire on a bare digit run (SSN and phone need dashes or a field name).
  if (digits === n) return digitsLookLikeCard(segment) ? '{card}' : '{n}';
  if (digits + hex === n && n >= 8) return '{id}';
  if (isUuid(segment)) return '{id}';
  if (fieldName === undefined && mightHoldIdentifier(segment)) {
    const hits = detectInText(segment);
    for (const d of DETECTOR_ORDER) if (hits.has(d)) return `{${d}}`;
  }
  if (DATE.test(segment)) return '{date}';
  if (digits > 0 && n >= 16 && BASE64URL.test(segment)) return '{token}';
  return null;
}

/** A literal candidate seen at one position: how often, and whether it names a field (`ssn`, `dob`). */
interface SegmentEntry {
  n: number;
  namesField: boolean;
}

/**
 * Counts of literal candidates per position, shared by every counter of one audit. It doubles as the
 * shaper's memory: a segment found here was classified literal before, so the common words of a
 * keyspace (`session`, `user`) cost one hash lookup per key.
 */
export class SegmentTable {
  private positions: Map<string, SegmentEntry>[] = [];
  private size = 0;

  constructor(private readonly maxEntries = 20_000) {}

  /** The segment's entry, counted once more, when it is already known at this position. */
  hit(position: number, segment: string): SegmentEntry | undefined {
    const entry = this.positions[position]?.get(segment);
    if (entry !== undefined) entry.n++;
    return entry;
  }

  add(position: number, segment: string): SegmentEntry {
    const table = (this.positions[position] ??= new Map());
    let entry = table.get(segment);
    if (entry !== undefined) entry.n++;
    else {
      table.set(segment, (entry = { n: 1, namesField: CONTEXT_FIELD.test(segment) }));
      if (++this.size > this.maxEntries) this.prune();
    }
    return entry;
  }

  count(position: number, segment: string): number {
    return this.positions[position]?.get(segment)?.n ?? 0;
  }

  /** Drops the entries seen once (the bulk when every key has its own segment), then the rarest. */
  private prune(): void {
    const all: [number, string, SegmentEntry][] = [];
    for (let p = 0; p < this.positions.length; p++) for (const [segment, entry] of this.positions[p] ?? []) if (entry.n >= 2) all.push([p, segment, entry]);
    const kept = all.length > this.maxEntries / 2 ? all.sort((a, b) => b[2].n - a[2].n).slice(0, Math.floor(this.maxEntries / 4)) : all;
    this.positions = [];
    for (const [p, segment, entry] of kept) (this.positions[p] ??= new Map()).set(segment, entry);
    this.size = kept.length;
  }
}

export interface KeyShape {
  /** Segments joined by `:`; literal candidates are prefixed with \u0001. */
  shape: string;
  /** Detectors that fired on a segment (DATA-004), empty for most keys. */
  detectors: PhiDetector[];
}

const NO_DETECTORS: PhiDetector[] = [];
const DETECTOR_PLACEHOLDERS = new Map<string, PhiDetector>(DETECTOR_ORDER.map((d) => [`{${d}}`, d]));

/** Turns keys into shapes and counts their literal candidates. */
export class KeyShaper {
  constructor(readonly segments: SegmentTable = new SegmentTable()) {}

  shape(key: string): KeyShape {
    let detectors = NO_DETECTORS;
    let shape = '';
    let field: string | undefined;
    let start = 0;
    for (let position = 0; ; position++) {
      let end = key.indexOf(SEP, start);
      if (end < 0) end = key.length;
      const segment = key.slice(start, end);
      // Known literal: classified before. A field name only adds detectors, so a segment literal
      // after a field name is literal without one too; with a field name, classify afresh.
      let entry = field === undefined ? this.segments.hit(position, segment) : undefined;
      const placeholder = entry !== undefined ? null : classifySegment(segment, field);
      if (position > 0) shape += SEP;
      if (placeholder === null) {
        entry ??= this.segments.add(position, segment);
        shape += LITERAL + segment;
      } else {
        shape += placeholder;
        const detector = DETECTOR_PLACEHOLDERS.get(placeholder);
        if (detector) {
          if (detectors === NO_DETECTORS) detectors = [];
          if (!detectors.includes(detector)) detectors.push(detector);
        }
      }
      if (end === key.length) break;
      field = (entry !== undefined ? entry.namesField : CONTEXT_FIELD.test(segment)) ? segment : undefined;
      start = end + 1;
    }
    return { shape, detectors };
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
    if (segments.count(i, segment) >= minShared) return segment;
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
  private shapes = new Map<string, { n: number }>();

  constructor(
    private readonly segments: SegmentTable,
    private readonly maxShapes = 1_000,
  ) {}

  add(shape: string, count = 1): void {
    const entry = this.shapes.get(shape);
    if (entry !== undefined) entry.n += count;
    else {
      this.shapes.set(shape, { n: count });
      if (this.shapes.size > this.maxShapes) this.fold();
    }
  }

  /** Normalized patterns, most frequent first. */
  patterns(): { pattern: string; count: number }[] {
    const out = new Map<string, number>();
    for (const [shape, { n: count }] of this.shapes) {
      const pattern = finalizeShape(shape, this.segments);
      out.set(pattern, (out.get(pattern) ?? 0) + count);
    }
    return [...out.entries()].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
  }

  /** Replaces the literal candidates seen once by `{s}`, merging the shapes that become equal. */
  private fold(): void {
    const folded = new Map<string, { n: number }>();
    for (const [shape, { n }] of this.shapes) {
      const next = shape
        .split(SEP)
        .map((part, i) => (part.startsWith(LITERAL) && this.segments.count(i, part.slice(1)) < 2 ? '{s}' : part))
        .join(SEP);
      const entry = folded.get(next);
      if (entry !== undefined) entry.n += n;
      else folded.set(next, { n });
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
