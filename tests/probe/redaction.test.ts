import { describe, expect, it } from 'vitest';
import { detectInText, detectInValue, luhnValid } from '@/lib/probe/redis/redaction/detectors';
import { KeyPatternCounter, normalizePatterns } from '@/lib/probe/redis/redaction/key-pattern';
import { maskedExcerpt } from '@/lib/probe/redis/redaction/mask';
import { Fingerprinter } from '@/lib/probe/redis/fingerprint';
import { createHash } from 'node:crypto';

describe('PHI detectors (catalog §5.3)', () => {
  it('flags identifiers', () => {
    expect(detectInValue('{"ssn":"123-45-6789"}')).toContain('ssn');
    expect(detectInValue('{"ssn":"123456789"}')).toContain('ssn');
    expect(detectInText('MRN: AB12345')).toContain('mrn');
    expect(detectInValue('{"mrn":"x1"}')).toContain('mrn');
    expect(detectInText('dob 1970-01-02')).toContain('dob');
    expect(detectInValue('{"birthDate":"01/02/1970"}')).toContain('dob');
    expect(detectInText('reach me at pat@example.org')).toContain('email');
    expect(detectInText('phone: (555) 123-4567')).toContain('phone');
    expect(detectInText('4111 1111 1111 1111')).toContain('card');
    expect(detectInValue('{"firstName":"Ada"}')).toEqual(new Set(['field_name_hint']));
  });

  it('does not flag ciphertext, UUIDs, timestamps or invalid SSNs', () => {
    for (const value of [
      'v1:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk',
      '550e8400-e29b-41d4-a716-446655440000',
      '1700000000000',
      '2026-11-29T17:00:00Z',
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      'dGhpcyBpcyBhIHJhbmRvbSBiYXNlNjQgYmxvYg==',
      '4111 1111 1111 1112',
    ]) {
      expect([...detectInValue(value)], value).toEqual([]);
    }
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('key pattern normalizer', () => {
  it('keeps shared segments literal and replaces identifiers', () => {
    const counter = new KeyPatternCounter();
    for (const k of ['patient:123-45-6789:labs', 'patient:234-56-7890:labs', 'user:alice', 'user:bob', 'cache:550e8400-e29b-41d4-a716-446655440000', 'cache:7']) counter.add(k);
    const patterns = Object.fromEntries(counter.patterns().map((p) => [p.pattern, p.count]));
    expect(patterns).toEqual({ 'patient:{ssn}:labs': 2, 'user:{s}': 2, 'cache:{id}': 1, 'cache:{n}': 1 });
  });

  it('never lets a singular segment through', () => {
    expect(normalizePatterns(['secret-project-name'])).toEqual(['{s}']);
    expect(normalizePatterns(['a@b.example:1', 'x:2'])).toEqual(['{email}:{n}', '{s}:{n}']);
  });

  it('stays bounded when every key is unique', () => {
    const counter = new KeyPatternCounter(50);
    for (let i = 0; i < 1000; i++) counter.add(`user:name${'abcdefghij'[i % 10]}x${String.fromCharCode(97 + (i % 26))}${i}`);
    expect(counter.patterns().length).toBeLessThanOrEqual(51);
  });
});

describe('masked excerpts', () => {
  it('keeps JSON field names and hides values', () => {
    expect(maskedExcerpt('{"name":"Ada","ssn":"123-45-6789","age":40}')).toBe('{"name":⟨str⟩,"ssn":⟨SSN⟩,"age":⟨num⟩}');
  });
  it('keeps only the shape of text', () => {
    expect(maskedExcerpt('Call Ada at 555-1234, ssn 123-45-6789')).toBe('Aaaa Aaa aa 999-9999, aaa ⟨SSN⟩');
    expect(maskedExcerpt('x'.repeat(500)).length).toBeLessThanOrEqual(120);
  });
});

describe('secret fingerprints', () => {
  it('are keyed, and requirepass matches the ACL hash of the same password', () => {
    const a = new Fingerprinter('k'.repeat(32));
    const b = new Fingerprinter('j'.repeat(32));
    const hash = createHash('sha256').update('hunter2').digest('hex');
    expect(a.ofSecret('hunter2')).toBe(a.ofPasswordHash(`#${hash}`));
    expect(a.ofSecret('hunter2')).not.toBe(b.ofSecret('hunter2'));
    expect(a.ofSecret('hunter2')).not.toContain(hash);
    expect(a.reduce('')).toEqual({ set: false, fingerprint: null });
    expect(() => new Fingerprinter('short')).toThrow(/16 bytes/);
  });
});
