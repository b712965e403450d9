// PHI detectors of catalog §5.3. They flag identifiers, not ciphertext, UUIDs or timestamps.
// Used on key-name segments (with the previous segment as the field name: `ssn:123456789`), on
// sampled values, and on hash fields (with the field's name).

import type { PhiDetector } from '@/lib/facts/common';

const SSN = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/;
const SSN_BARE = /^\d{9}$/;
const MRN = /\b(?:MRN|mrn|medical_record(?:_number)?)\b.{0,3}?\b(?=[A-Za-z0-9]{0,11}\d)([A-Za-z0-9]{6,12})\b/;
const DATE = /\b(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})\b/;
const DOB_CONTEXT = /(?:dob|birth)[\s\S]{0,20}?(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(?:\+1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/;
const PHONE_CONTEXT = /(?:phone|tel|mobile)[\s\S]{0,20}?(?:\+1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/i;
const MRN_WORD = /mrn|medical_record/i;
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
const HINT_FIELDS = new Set(['name', 'firstname', 'lastname', 'address', 'patient']);
const DOB_FIELDS = new Set(['dob', 'birthdate', 'date_of_birth']);
const PHONE_FIELDS = /^(phone|tel|telephone|mobile)/i;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes and lengths of the card brands (Visa, Mastercard, Amex, Discover, JCB, Diners).
 * Luhn alone passes one random number in ten — a 13-digit millisecond timestamp among them — so a
 * card must also look like one a brand issues.
 */
function cardBrandShape(digits: string): boolean {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  const p3 = Number(digits.slice(0, 3));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return n >= 16 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305)) return n >= 14 && n <= 19;
  return false;
}

function hasCard(text: string): boolean {
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && cardBrandShape(digits) && luhnValid(digits)) return true;
  }
  return false;
}

/**
 * Whether any detector could fire on `text` without a field name: every rule needs an `@`, six or
 * more digits, or the word MRN. Lets the hot loop skip the regular expressions for most key segments.
 */
export function mightHoldIdentifier(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 6) return true;
    } else if (c === 64) return true;
  }
  return MRN_WORD.test(text);
}

/** Detectors that fire on free text (optionally the name of the field it came from). */
export function detectInText(text: string, fieldName?: string): Set<PhiDetector> {
  const hits = new Set<PhiDetector>();
  const field = fieldName?.toLowerCase();
  if (SSN.test(text) || (field?.includes('ssn') && SSN_BARE.test(text.trim()))) hits.add('ssn');
  if (MRN.test(text) || (field === 'mrn' && /\w/.test(text))) hits.add('mrn');
  if (DOB_CONTEXT.test(text) || (field && DOB_FIELDS.has(field) && DATE.test(text))) hits.add('dob');
  if (EMAIL.test(text)) hits.add('email');
  if (PHONE_CONTEXT.test(text) || (fieldName && PHONE_FIELDS.test(fieldName) && PHONE.test(text))) hits.add('phone');
  if (hasCard(text)) hits.add('card');
  return hits;
}

function walkJson(value: unknown, field: string | undefined, hits: Set<PhiDetector>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) walkJson(item, field, hits);
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (HINT_FIELDS.has(k.toLowerCase())) hits.add('field_name_hint');
      walkJson(v, k, hits);
    }
    return;
  }
  for (const d of detectInText(String(value), field)) hits.add(d);
}

/** Detectors that fire on a sampled value: JSON is walked field by field, anything else as text. */
export function detectInValue(value: string): Set<PhiDetector> {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const hits = new Set<PhiDetector>();
      walkJson(JSON.parse(trimmed), undefined, hits);
      // Text-level context rules (e.g. "dob" near a date) still apply to the raw JSON.
      for (const d of detectInText(trimmed)) hits.add(d);
      return hits;
    } catch {
      // not JSON after all
    }
  }
  return detectInText(value);
}

export const DETECTOR_TOKENS: Record<PhiDetector, string> = {
  ssn: 'SSN', mrn: 'MRN', dob: 'DOB', email: 'EMAIL', phone: 'PHONE', card: 'CARD', field_name_hint: 'HINT',
};

/** Detectors for one hash field: its value (JSON walked, else text judged with the field's name) and the name as a hint. */
export function detectInField(fieldName: string, value: string): Set<PhiDetector> {
  const trimmed = value.trim();
  const hits = trimmed.startsWith('{') || trimmed.startsWith('[') ? detectInValue(value) : detectInText(value, fieldName);
  if (HINT_FIELDS.has(fieldName.toLowerCase())) hits.add('field_name_hint');
  return hits;
}
