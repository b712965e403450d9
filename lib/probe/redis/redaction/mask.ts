// Masked excerpts (catalog §5.3): JSON keeps its (word-like) field names, every value becomes ⟨str⟩ / ⟨num⟩ or
// the detector that fired on it (⟨SSN⟩…); other text keeps only its shape (letters → a/A, digits → 9).

import type { PhiDetector } from '@/lib/facts/common';
import { DETECTOR_TOKENS, detectInText } from './detectors';

const MAX_EXCERPT = 120;
const WORD_LIKE = /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/;
const ORDER: PhiDetector[] = ['ssn', 'mrn', 'dob', 'email', 'phone', 'card'];

function token(hits: Set<PhiDetector>): string | null {
  const first = ORDER.find((d) => hits.has(d));
  return first ? `⟨${DETECTOR_TOKENS[first]}⟩` : null;
}

/** Field names are kept (they explain the excerpt) unless they could themselves be an identifier. */
function fieldName(name: string): string {
  return WORD_LIKE.test(name) && (name.match(/\d/g)?.length ?? 0) < 6 ? name : '⟨field⟩';
}

function maskJson(value: unknown, field?: string): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => maskJson(v, field)).join(',')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(fieldName(k))}:${maskJson(v, k)}`)
      .join(',')}}`;
  }
  const hit = token(detectInText(String(value), field));
  if (hit) return hit;
  if (typeof value === 'number') return '⟨num⟩';
  if (typeof value === 'boolean') return String(value);
  return '⟨str⟩';
}

const OVERLAYS: [RegExp, string][] = [
  [/\b\d{3}-\d{2}-\d{4}\b/g, '⟨SSN⟩'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '⟨EMAIL⟩'],
  [/\b\d(?:[ -]?\d){12,18}\b/g, '⟨CARD⟩'],
  [/\b(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})\b/g, '⟨DATE⟩'],
];

function maskShape(text: string): string {
  return text.replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a').replace(/[0-9]/g, '9').replace(/[^\x00-\x7f]/g, '?');
}

function maskText(text: string): string {
  // Detector hits overlaid on the masked shape; earlier overlays win where matches overlap.
  const hits: { start: number; end: number; token: string }[] = [];
  for (const [re, token] of OVERLAYS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (!hits.some((h) => start < h.end && end > h.start)) hits.push({ start, end, token });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += maskShape(text.slice(at, h.start)) + h.token;
    at = h.end;
  }
  return out + maskShape(text.slice(at));
}

/** A masked excerpt of a sampled value, at most 120 characters. */
export function maskedExcerpt(value: string): string {
  const trimmed = value.trim();
  let out: string;
  try {
    out = trimmed.startsWith('{') || trimmed.startsWith('[') ? maskJson(JSON.parse(trimmed)) : maskText(value);
  } catch {
    out = maskText(value);
  }
  return out.length > MAX_EXCERPT ? `${out.slice(0, MAX_EXCERPT - 1)}…` : out;
}
