// A keyspace whose every count is known: the audit's answers are compared with these numbers.
// All identifiers are invented (SSN-shaped numbers from the 1xx–5xx areas, example.org mail,
// 555 phone numbers, test card numbers): never real data.

import type Redis from 'ioredis';

export const SSNS = ['123-45-6789', '234-56-7891', '345-67-8912', '456-78-9123', '521-43-8765'];
export const EMAILS = ['ada.example@example.org', 'ben.sample@example.org', 'cy.testcase@example.org'];
export const NAMES = ['Ada Example', 'Ben Sample', 'Cy Testcase'];
export const PHONE = '555-201-3344';
export const CARD = '4111 1111 1111 1111';
export const MRNS = ['MRN 700123', 'MRN 700456'];
export const BARE_SSN = '312456789';
export const DOB = '1970-01-02';

/** 16 hex characters + a letter: a session token the normalizer turns into {id}. */
const token = (i: number) => `f${(0x9e3779b1 * (i + 1)).toString(16).padStart(8, '0').slice(-8)}${(i * 7919).toString(16).padStart(8, '0')}`;
/** Base64 ciphertext: what an encrypting application stores. */
const ciphertext = (i: number) => Buffer.from(`ciphertext-${i}-`.repeat(4)).toString('base64');

export interface SeededKeyspace {
  /** Every key name written (the evidence must contain none of them). */
  keys: string[];
  /** Every PHI value written (the evidence must contain none of them). */
  phiValues: string[];
  db0: number;
  db1: number;
}

/** The expected audit figures for `seedKnownKeyspace` (keys only; values checked separately). */
export const EXPECTED = {
  session: { keys: 40 + 2, keysWithoutTtl: 7 + 2, keysOverMaxTtl: 3 },
  phi_cache: { keys: 14, keysWithoutTtl: 0, keysOverMaxTtl: 4 },
  rate_limit: { keys: 5, keysWithoutTtl: 0, keysOverMaxTtl: 0 },
  queue: { keys: 3, keysWithoutTtl: 3, keysOverMaxTtl: 0 },
  feature_flag: { keys: 4, keysWithoutTtl: 4, keysOverMaxTtl: 0 },
  unclassified: 5 + 1 + 5 + 6 + 1 + 1 + 1,
};

export async function seedKnownKeyspace(admin: Redis): Promise<SeededKeyspace> {
  const keys: string[] = [];
  const phiValues = [...SSNS, ...EMAILS, ...NAMES, PHONE, CARD, ...MRNS, BARE_SSN, DOB];
  const p = admin.pipeline();
  const set = (key: string, value: string, ttl?: number) => {
    keys.push(key);
    if (ttl) p.set(key, value, 'EX', ttl);
    else p.set(key, value);
  };
  p.select(0);
  // session: 30 within 1800 s, 7 without expiry, 3 `sess:` keys over the maximum.
  for (let i = 0; i < 30; i++) set(`session:${token(i)}`, JSON.stringify({ userId: i }), 900);
  for (let i = 30; i < 37; i++) set(`session:${token(i)}`, JSON.stringify({ userId: i }));
  for (let i = 37; i < 40; i++) set(`sess:${token(i)}`, JSON.stringify({ userId: i }), 7200);
  // phi_cache: 10 ciphertext values within 300 s, 4 plaintext PHI records for a day.
  for (let i = 0; i < 10; i++) set(`phi:${1000 + i}`, ciphertext(i), 200);
  for (let i = 0; i < 4; i++) set(`phi:${2000 + i}`, JSON.stringify({ dx: 'hypertension', note: `${MRNS[i % 2]} seen` }), 86_400);
  // rate_limit, feature flags.
  for (let i = 0; i < 5; i++) set(`ratelimit:api:${900 + i}`, String(i + 1), 60);
  for (const f of ['dark-mode', 'new-billing', 'beta-portal', 'fast-search']) set(`flag:${f}`, 'on');
  // queue: a list of jobs whose arguments carry an email (values: PHI in task arguments).
  keys.push('bull:mail:wait', 'bull:mail:active', 'bull:mail:meta');
  p.rpush('bull:mail:wait', JSON.stringify({ to: EMAILS[0], template: 'reminder' }), JSON.stringify({ to: EMAILS[1], template: 'reminder' }));
  p.rpush('bull:mail:active', JSON.stringify({ jobId: 17 }));
  p.hset('bull:mail:meta', { opts: '{"attempts":3}', version: 'bullmq:5' });
  // unclassified: patient records keyed by SSN, raw PHI in the value.
  SSNS.forEach((ssn, i) => set(`patient:${ssn}`, JSON.stringify({ name: NAMES[i % 3], ssn, dob: DOB, email: EMAILS[i % 3] })));
  // unclassified: a hash with bare identifiers that only their field names reveal.
  keys.push('member:8812:profile');
  p.hset('member:8812:profile', { ssn: BARE_SSN, birthDate: DOB, phone: PHONE, plan: 'gold', firstName: 'Ada' });
  // unclassified, must not be flagged: UUIDs, timestamps, ciphertext, numbers.
  for (let i = 0; i < 5; i++) set(`device:${crypto.randomUUID()}`, String(1_700_000_000_000 + i * 37));
  for (let i = 0; i < 6; i++) set(`blob:${i}:enc`, i % 2 ? ciphertext(i + 50) : `2026-11-29T17:0${i}:00Z`);
  // unclassified: identifiers in key names (DATA-004).
  set(`session-by-email:${EMAILS[2]}`, 'x');
  set(`lookup:phone:5552013344`, 'x');
  set(`card:${CARD.replace(/ /g, '')}`, 'x');
  // db1: two sessions without expiry (the audit covers every database).
  p.select(1);
  for (let i = 50; i < 52; i++) set(`session:${token(i)}`, JSON.stringify({ userId: i }));
  p.select(0);
  const replies = await p.exec();
  const failed = replies?.find(([err]) => err);
  if (failed) throw failed[0];
  return { keys, phiValues, db0: keys.length - 2, db1: 2 };
}

/** Many short-lived-looking keys for the budget and rate-limit cases (db2, so db0 stays exact). */
export async function seedBulk(admin: Redis, n: number, db = 2): Promise<void> {
  for (let start = 0; start < n; start += 5000) {
    const p = admin.pipeline();
    p.select(db);
    for (let i = start; i < Math.min(n, start + 5000); i++) p.set(`session:bulk${i}`, '1', 'EX', 600);
    p.select(0);
    await p.exec();
  }
}
