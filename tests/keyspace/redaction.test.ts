// PHI detectors and the key-name normalizer on their own: true positives, the false positives the
// catalog names (ciphertext, UUIDs, timestamps), and patterns that never equal a key name.

import { describe, expect, it } from 'vitest';
import { compileKeyClasses, globMatcher } from '@/lib/probe/redis/keyspace-policy';
import { examineValue, valueShape } from '@/lib/probe/redis/keyspace-values';
import { detectInField, detectInText, detectInValue } from '@/lib/probe/redis/redaction/detectors';
import { classifySegment, KeyShaper, normalizePatterns, PatternCounter } from '@/lib/probe/redis/redaction/key-pattern';
import { DEFAULT_KEY_CLASSES } from '@/lib/controls/thresholds';

describe('detectors', () => {
  it.each([
    ['ssn', '{"ssn":"123-45-6789"}'],
    ['mrn', 'patient MRN: A1234567 admitted'],
    ['dob', 'dob=1970-01-02'],
    ['email', 'contact ada.example@example.org'],
    ['phone', 'mobile: +1 (555) 201-3344'],
    ['card', 'paid with 5500 0000 0000 0004'],
    ['card', '378282246310005'],
  ])('%s in %s', (detector, text) => {
    expect(detectInValue(text)).toContain(detector);
  });

  it.each([
    ['base64 ciphertext', Buffer.from('opaque-bytes-'.repeat(5)).toString('base64')],
    ['envelope ciphertext', 'v1:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk'],
    ['UUID', '9f1c2a4e-3b7d-4c58-8e21-6a0f5d9b7c13'],
    ['epoch milliseconds', '1764435600123'],
    ['epoch milliseconds (Luhn-valid, no card brand)', '1764435600002'],
    ['epoch seconds', '1764435600'],
    ['ISO timestamp', '2026-11-29T17:00:00.000Z'],
    ['a date without birth context', 'renewal 2026-12-01'],
    ['nine digits without an ssn field', '312456789'],
    ['MRN word without a digit', 'mrn abcdefgh'],
    ['invalid SSN areas', '000-12-3456 666-12-3456 912-34-5678'],
    ['Luhn failure', '4111 1111 1111 1112'],
  ])('no hit on %s', (_label, text) => {
    expect([...detectInValue(text)]).toEqual([]);
  });

  it('uses the field name for bare identifiers (hash fields, key segments)', () => {
    expect(detectInField('ssn', '312456789')).toContain('ssn');
    expect(detectInField('birthDate', '01/02/1970')).toContain('dob');
    expect(detectInField('phone', '5552013344')).toContain('phone');
    expect(detectInField('firstName', 'Ada')).toEqual(new Set(['field_name_hint']));
    expect(detectInField('createdAt', '1764435600')).toEqual(new Set());
    expect(detectInText('312456789')).toEqual(new Set());
  });
});

describe('key-name normalizer', () => {
  const patterns = (keys: string[]) => {
    const shaper = new KeyShaper();
    const counter = new PatternCounter(shaper.segments);
    for (const k of keys) counter.add(shaper.shape(k).shape);
    return Object.fromEntries(counter.patterns().map((p) => [p.pattern, p.count]));
  };

  it('masks identifiers fully and keeps only shared segments', () => {
    expect(patterns(['patient:123-45-6789:labs', 'patient:234-56-7891:labs', 'ssn:312456789', 'dob:1970-01-02', 'session-by-email:ada@example.org'])).toEqual({
      'patient:{ssn}:labs': 2,
      '{s}:{ssn}': 1,
      '{s}:{dob}': 1,
      '{s}:{email}': 1,
    });
    expect(classifySegment('9f1c2a4e-3b7d-4c58-8e21-6a0f5d9b7c13')).toBe('{id}');
    expect(classifySegment('c29tZS10b2tlbi0xMjM0NQ')).toBe('{token}');
    expect(classifySegment('2026-11-29')).toBe('{date}');
    expect(classifySegment('4111111111111111')).toBe('{card}');
    expect(classifySegment('1764435600123')).toBe('{n}');
  });

  it('never yields a pattern equal to a key name, even when every segment is shared', () => {
    const keys = ['cache:user:list', 'cache:user:count', 'stats:user:list', 'stats:user:count'];
    const out = patterns(keys);
    for (const key of keys) expect(Object.keys(out)).not.toContain(key);
    expect(out).toEqual({ 'cache:user:{s}': 2, 'stats:user:{s}': 2 });
    expect(normalizePatterns(['only-once'])).toEqual(['{s}']);
  });

  it('reports detectors per key name', () => {
    const shaper = new KeyShaper();
    expect(shaper.shape('lookup:phone:5552013344').detectors).toEqual(['phone']);
    expect(shaper.shape('patient:123-45-6789:ada@example.org').detectors.sort()).toEqual(['email', 'ssn']);
    expect(shaper.shape('session:f1e2d3c4b5a69788').detectors).toEqual([]);
  });

  it('a segment remembered as literal is still read as a field value after a field name', () => {
    // The shaper remembers literal segments per position; a field name must still change the verdict.
    const shaper = new KeyShaper();
    expect(shaper.shape('ward:north').shape).toBe('\u0001ward:\u0001north');
    expect(shaper.shape('mrn:north').shape).toBe('\u0001mrn:{mrn}');
    // The remembered field name keeps its meaning on every later key.
    for (let i = 0; i < 3; i++) expect(shaper.shape(`lookup:phone:555201334${i}`).detectors).toEqual(['phone']);
  });

  it('stays bounded when every key has its own literal segment', () => {
    const shaper = new KeyShaper();
    const counter = new PatternCounter(shaper.segments, 100);
    for (let i = 0; i < 50_000; i++) counter.add(shaper.shape(`user:name${String.fromCharCode(97 + (i % 26))}x${i.toString(36)}q:cart`).shape);
    const out = counter.patterns();
    expect(out.length).toBeLessThanOrEqual(101);
    expect(out.reduce((n, p) => n + p.count, 0)).toBe(50_000);
  });
});

describe('key classes', () => {
  it('the first matching class wins; globs match like Redis', () => {
    const { classify } = compileKeyClasses(DEFAULT_KEY_CLASSES);
    const name = (key: string) => DEFAULT_KEY_CLASSES[classify(key)]?.name ?? 'unclassified';
    expect(name('session:abc')).toBe('session');
    expect(name('tenant:phi:42')).toBe('phi_cache');
    expect(name('celery-task-meta-1')).toBe('queue');
    expect(name('sessions')).toBe('unclassified');
    expect(globMatcher('user:[0-9]?')('user:7a')).toBe(true);
    expect(globMatcher('user:[0-9]?')('user:a7')).toBe(false);
    expect(globMatcher('a\\*b')('a*b')).toBe(true);
    expect(globMatcher('a\\*b')('axb')).toBe(false);
  });
});

describe('sampled values', () => {
  it('DATA-005 shapes: ciphertext, plaintext JSON, undetermined', () => {
    expect(valueShape(Buffer.from(Buffer.from('x'.repeat(40)).toString('base64')), null)).toBe('ciphertextLike');
    expect(valueShape(Buffer.from([0xff, 0xfe, 0x00, 0x81]), null)).toBe('ciphertextLike');
    expect(valueShape(Buffer.from('{"dx":"hypertension"}'), null)).toBe('plaintextLike');
    expect(valueShape(Buffer.from('42'), null)).toBe('undetermined');
    expect(valueShape(Buffer.from('v1:short'), /^v\d+:/)).toBe('ciphertextLike');
  });

  it('stream entries are judged field by field and masked', () => {
    const reply = [['1-0', ['email', 'ada@example.org', 'kind', 'signup']]];
    const findings = examineValue('stream', reply, 4096, null)!;
    expect([...findings.detectors]).toEqual(['email']);
    expect(findings.excerpt).toBe('{"email":⟨EMAIL⟩,"kind":⟨str⟩}');
  });
});
