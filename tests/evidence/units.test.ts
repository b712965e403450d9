// The small pure parts of evidence packages: periods, auditor windows, scope normalisation,
// CSV quoting, PDF text encoding, the evidence digest and canonical JSON.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/evidence/canonical-json';
import { csvLine } from '@/lib/evidence/csv';
import { evidenceDigest } from '@/lib/evidence/manifest';
import { jsonArrayChunks } from '@/lib/evidence/staging-area';
import { winAnsi } from '@/lib/evidence/pdf/win-ansi';
import { periodInputSchema, periodOfRow, toPeriod } from '@/lib/evidence/period';
import { periodAccessDecision } from '@/lib/evidence/period-access';
import { parseEvidenceRequest } from '@/lib/evidence/request-schema';
import { describeScope, normalizeScope } from '@/lib/evidence/scope';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('periods', () => {
  it('covers whole UTC days, the last one included', () => {
    const p = toPeriod('2026-01-01', '2026-03-31');
    expect(p.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(p.endExclusive.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(periodOfRow({ periodFrom: p.start, periodTo: p.endExclusive })).toEqual(p);
  });

  it('rejects impossible, reversed and future periods with the field and the fix', () => {
    const schema = periodInputSchema(NOW);
    expect(schema.safeParse({ from: '2026-02-29', to: '2026-03-01' }).error?.issues[0].message).toMatch(/not a calendar date/);
    expect(schema.safeParse({ from: '01/02/2026', to: '2026-03-01' }).error?.issues[0].message).toMatch(/YYYY-MM-DD/);
    expect(schema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).error?.issues[0].message).toMatch(/from must be on or before to/);
    expect(schema.safeParse({ from: '2026-06-01', to: '2026-06-16' }).error?.issues[0].message).toMatch(/not be after today \(2026-06-15/);
    expect(schema.safeParse({ from: '2024-02-29', to: '2026-06-15' }).success).toBe(true);
  });
});

describe('auditor windows', () => {
  const window = { role: 'auditor', validFrom: new Date('2026-03-01T00:00:00Z'), validUntil: new Date('2026-07-01T00:00:00Z') };

  it('allows auditors only periods inside their window; other roles any period', () => {
    expect(periodAccessDecision(window, toPeriod('2026-03-01', '2026-06-30'))).toEqual({ allowed: true });
    expect(periodAccessDecision(window, toPeriod('2026-02-28', '2026-03-31'))).toMatchObject({ allowed: false, reason: expect.stringContaining('outside your access window') });
    expect(periodAccessDecision(window, toPeriod('2026-06-01', '2026-07-01')).allowed).toBe(false);
    expect(periodAccessDecision({ ...window, validFrom: null }, toPeriod('2020-01-01', '2026-06-30')).allowed).toBe(true);
    expect(periodAccessDecision({ ...window, validUntil: null }, toPeriod('2026-03-01', '2026-03-02')).allowed).toBe(false);
    expect(periodAccessDecision({ role: 'officer', validFrom: null, validUntil: null }, toPeriod('2010-01-01', '2026-06-30')).allowed).toBe(true);
  });
});

describe('scope', () => {
  it('is sorted and de-duplicated so equal requests give equal manifests', () => {
    const parsed = parseEvidenceRequest({ period: { from: '2026-01-01', to: '2026-01-31' }, scope: { instances: ['b', 'a', 'b'], frameworks: ['hitrust', 'hipaa'] } }, NOW);
    expect(parsed.ok && parsed.request.scope).toEqual(normalizeScope({ instances: ['a', 'b'], frameworks: ['hipaa', 'hitrust'] }));
    expect(parsed.ok && describeScope(parsed.request.scope)).toBe('instances a, b');
  });

  it('names an unknown field, platform or framework', () => {
    const bad = (scope: unknown) => {
      const r = parseEvidenceRequest({ period: { from: '2026-01-01', to: '2026-01-31' }, scope }, NOW);
      return r.ok ? '' : r.error;
    };
    expect(bad({ platform: ['self'] })).toMatch(/platform/);
    expect(bad({ platforms: ['vm'] })).toMatch(/platform must be one of self, ec, ecs, ms/);
    expect(bad({ frameworks: [] })).toMatch(/choose at least one framework/);
    expect(bad({ frameworks: ['sox'] })).toMatch(/framework must be one of hipaa, hitrust/);
  });
});

describe('encodings', () => {
  it('quotes CSV fields that need it (RFC 4180)', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3, new Date('2026-01-01T00:00:00Z')])).toBe('plain,"a,b","say ""hi""","two\nlines",,3,2026-01-01T00:00:00.000Z\r\n');
  });

  it('spells out characters the PDF standard fonts cannot print', () => {
    expect(winAnsi('TTL ≤ 300 s → fail ✓ — § 164.312 “ok” café 漢')).toBe('TTL <= 300 s -> fail yes — § 164.312 “ok” café ?');
  });

  it('sorts keys at every level, whatever order the database returned', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    // Parents already in order, a child deep inside out of order.
    const input = { a: 1, b: { c: [1, { f: 2, e: 1 }], d: 'x' } };
    expect(canonicalJson(input)).toBe('{"a":1,"b":{"c":[1,{"e":1,"f":2}],"d":"x"}}');
    expect(input.b.c[1]).toEqual({ f: 2, e: 1 });
  });

  it('digests every file but the report, in path order', () => {
    const files = [
      { path: 'z.json', sha256: 'a'.repeat(64) },
      { path: 'report.pdf', sha256: 'b'.repeat(64) },
      { path: 'a.json', sha256: 'c'.repeat(64) },
    ];
    const withOtherReport = files.map((f) => (f.path === 'report.pdf' ? { ...f, sha256: 'd'.repeat(64) } : f));
    expect(evidenceDigest(withOtherReport)).toBe(evidenceDigest(files));
    expect(evidenceDigest([files[2], files[0]])).toBe(evidenceDigest(files));
    expect(evidenceDigest(files.map((f) => (f.path === 'a.json' ? { ...f, sha256: 'e'.repeat(64) } : f)))).not.toBe(evidenceDigest(files));
  });

  it('writes JSON arrays one element per line, in bounded chunks', async () => {
    const collect = async (pages: string[][]) => {
      const chunks: string[] = [];
      for await (const chunk of jsonArrayChunks((async function* () { yield* pages; })())) chunks.push(chunk);
      return chunks;
    };
    expect((await collect([])).join('')).toBe('[]\n');
    expect((await collect([[], ['{"a":1}'], ['{"a":2}', '{"a":3}']])).join('')).toBe('[\n{"a":1},\n{"a":2},\n{"a":3}\n]\n');
    const many = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(50) }));
    const chunks = await collect([many.slice(0, 2500), many.slice(2500)]);
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(40 * 1024);
    expect(JSON.parse(chunks.join('')).map((o: { i: number }) => o.i)).toEqual(many.map((_, i) => i));
  });
});
