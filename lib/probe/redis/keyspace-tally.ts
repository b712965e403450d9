// Per-class counts of the keyspace audit (catalog §5.2 step 3 and §5.3): keys, keys without
// expiry, keys over the class maximum, TTL histogram, normalized patterns, detector hits in key
// names and in sampled values. Constant memory: key names are reduced to shapes on arrival.

import type { DetectorHit, KeyClassAudit, KeyspaceAudit, PhiDetector, TtlHistogram } from '@/lib/facts/common';
import type { KeyClass } from '@/lib/controls/thresholds';
import { compileKeyClasses } from './keyspace-policy';
import { finalizeShape, KeyShaper, PatternCounter, SegmentTable } from './redaction/key-pattern';

const TOP = 10;
const EXCERPTS_PER_PATTERN = 3;
export const UNCLASSIFIED = 'unclassified';

function emptyHistogram(): TtlHistogram {
  return { none: 0, le60s: 0, le300s: 0, le1800s: 0, le3600s: 0, le86400s: 0, gt86400s: 0 };
}

class ClassTally {
  keys = 0;
  noTtl = 0;
  overMax = 0;
  maxTtl: number | null = null;
  readonly histogram = emptyHistogram();
  readonly all: PatternCounter;
  readonly withoutTtl: PatternCounter;
  readonly overMaxTtl: PatternCounter;

  constructor(
    readonly name: string,
    readonly policy: KeyClass | null,
    segments: SegmentTable,
  ) {
    this.all = new PatternCounter(segments);
    this.withoutTtl = new PatternCounter(segments);
    this.overMaxTtl = new PatternCounter(segments);
  }

  /** `pttl` in ms, -1 = no expiry. */
  add(shape: string, pttl: number): void {
    this.keys++;
    this.all.add(shape);
    const h = this.histogram;
    if (pttl === -1) {
      this.noTtl++;
      h.none++;
      this.withoutTtl.add(shape);
      return;
    }
    const ttl = Math.ceil(pttl / 1000);
    if (ttl <= 60) h.le60s++;
    else if (ttl <= 300) h.le300s++;
    else if (ttl <= 1800) h.le1800s++;
    else if (ttl <= 3600) h.le3600s++;
    else if (ttl <= 86400) h.le86400s++;
    else h.gt86400s++;
    if (this.maxTtl === null || ttl > this.maxTtl) this.maxTtl = ttl;
    const max = this.policy?.maxTtlSeconds;
    if (max != null && ttl > max) {
      this.overMax++;
      this.overMaxTtl.add(shape);
    }
  }
}

class HitGroup {
  readonly counter: PatternCounter;
  /** Masked excerpts with the shape of the key they came from (the pattern is known only at the end). */
  readonly excerpts: { shape: string; excerpt: string }[] = [];

  constructor(
    readonly detector: PhiDetector,
    readonly keyClass: string,
    segments: SegmentTable,
  ) {
    this.counter = new PatternCounter(segments);
  }
}

export interface TalliedKey {
  /** Index into the policy, -1 = unclassified. */
  classIndex: number;
  shape: string;
}

export class KeyspaceTally {
  readonly segments = new SegmentTable();
  private readonly shaper = new KeyShaper(this.segments);
  private readonly classify: (key: string) => number;
  private readonly classes: ClassTally[];
  private readonly unclassified: ClassTally;
  private readonly nameHits = new Map<string, HitGroup>();
  private readonly valueHits = new Map<string, HitGroup>();
  keys = 0;

  constructor(policy: readonly KeyClass[]) {
    this.classify = compileKeyClasses(policy).classify;
    this.classes = policy.map((p) => new ClassTally(p.name, p, this.segments));
    this.unclassified = new ClassTally(UNCLASSIFIED, null, this.segments);
  }

  className(classIndex: number): string {
    return classIndex < 0 ? UNCLASSIFIED : this.classes[classIndex].name;
  }

  /** The class of a key (latin1 string of its bytes): index into the policy, -1 = unclassified. */
  classOf(key: string): number {
    return this.classify(key);
  }

  /** One scanned key with its class and PTTL. */
  add(key: string, classIndex: number, pttl: number): TalliedKey {
    this.keys++;
    const { shape, detectors } = this.shaper.shape(key);
    const tally = classIndex < 0 ? this.unclassified : this.classes[classIndex];
    tally.add(shape, pttl);
    for (const d of detectors) this.group(this.nameHits, d, tally.name).counter.add(shape);
    return { classIndex, shape };
  }

  /** Detector hits of one sampled value. */
  addValueHits(classIndex: number, shape: string, detectors: Iterable<PhiDetector>, excerpt: string): void {
    for (const d of detectors) {
      const g = this.group(this.valueHits, d, this.className(classIndex));
      g.counter.add(shape);
      // A few distinct excerpts per shape: identical masks add nothing.
      const same = g.excerpts.filter((e) => e.shape === shape);
      if (same.length < EXCERPTS_PER_PATTERN && !same.some((e) => e.excerpt === excerpt)) g.excerpts.push({ shape, excerpt });
    }
  }

  private group(map: Map<string, HitGroup>, detector: PhiDetector, keyClass: string): HitGroup {
    const id = `${detector}\u0000${keyClass}`;
    let g = map.get(id);
    if (!g) map.set(id, (g = new HitGroup(detector, keyClass, this.segments)));
    return g;
  }

  private hits(map: Map<string, HitGroup>): DetectorHit[] {
    return [...map.values()].flatMap((g) =>
      g.counter.patterns().map(({ pattern, count }) => ({
        detector: g.detector,
        keyClass: g.keyClass,
        pattern,
        count,
        excerpts: g.excerpts
          .filter((e) => finalizeShape(e.shape, this.segments) === pattern)
          .slice(0, EXCERPTS_PER_PATTERN)
          .map((e) => e.excerpt),
      })),
    );
  }

  summary(): {
    classes: KeyClassAudit[];
    unclassified: KeyspaceAudit['unclassified'];
    keyNameHits: DetectorHit[];
    valueHits: DetectorHit[];
  } {
    const top = (c: PatternCounter) => c.patterns().slice(0, TOP);
    return {
      classes: this.classes.map((c) => ({
        name: c.name,
        ttlRequired: c.policy!.ttlRequired,
        maxTtlSeconds: c.policy!.maxTtlSeconds,
        phiAdjacent: c.policy!.phiAdjacent,
        keys: c.keys,
        keysWithoutTtl: c.noTtl,
        keysOverMaxTtl: c.overMax,
        maxTtlSeenSeconds: c.maxTtl,
        ttlHistogram: c.histogram,
        topPatterns: top(c.all),
        topPatternsWithoutTtl: top(c.withoutTtl),
        topPatternsOverMaxTtl: top(c.overMaxTtl),
        ttlChecked: true,
      })),
      unclassified: {
        keys: this.unclassified.keys,
        topPatterns: top(this.unclassified.all),
        keysWithoutTtl: this.unclassified.noTtl,
        ttlHistogram: this.unclassified.histogram,
        topPatternsWithoutTtl: top(this.unclassified.withoutTtl),
      },
      keyNameHits: this.hits(this.nameHits).map((h) => ({ ...h, excerpts: [] })),
      valueHits: this.hits(this.valueHits),
    };
  }
}
