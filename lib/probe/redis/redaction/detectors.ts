// PHI detectors of catalog §5.3. They flag identifiers, not ciphertext, UUIDs or timestamps.

import type { PhiDetector } from '@/lib/facts/common';

const SSN = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/;
const SSN_BARE = /^\d{9}$/;
const MRN = /\b(?:MRN|mrn|medical_record(?:_number)?)\b.{0,3}?\b(?=[A-Za-z0-9]{0,11}\d)([A-Za-z0-9]{6,12})\b/;
const DATE = /\b(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})\b/;
const DOB_CONTEXT = /(?:dob|birth)[\s\S]{0,20}?(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(?:\+1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/;
const PHONE_CONTEXT = /(?:phone|tel|mobile)[\s\S]{0,20}?(?:\+1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/i;
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

function hasCard(text: string): boolean {
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
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
