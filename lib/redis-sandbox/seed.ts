// Fake PHI-problem data for the phiProblems posture (and drills/benches that want a keyspace).
// Every value is invented (generated SSN-shaped numbers, names from a fixed list): never real data.
// The SSNs are valid-looking on purpose so that the PHI detectors must flag them.

import type { StartedSandbox } from './server';
import { connectSandbox } from './connect';

export interface PhiSeedSummary {
  sessionsWithoutTtl: number;
  patientKeysWithSsn: number;
  phiCacheOverMaxTtl: number;
  compliantSessions: number;
  flags: number;
}

const NAMES = ['Ada Example', 'Ben Sample', 'Cy Testcase', 'Dee Placeholder'];

/** A fake SSN in a valid-looking shape (area 100–599, never 000/666/9xx). */
function fakeSsn(i: number): string {
  const area = 100 + (i % 500);
  const group = 10 + (i % 89);
  const serial = 1000 + i;
  return `${area}-${group}-${serial}`;
}

/** Seeds keys that DATA-001…006 must flag, plus some compliant ones. Uses the sandbox admin. */
export async function seedPhiProblems(sandbox: StartedSandbox, scale = 20): Promise<PhiSeedSummary> {
  const redis = connectSandbox(sandbox);
  try {
    const pipeline = redis.pipeline();
    for (let i = 0; i < scale; i++) {
      // Session tokens written without expiry (DATA-001).
      pipeline.set(`session:${i.toString(16).padStart(8, '0')}${'ab'.repeat(8)}`, JSON.stringify({ userId: i }));
      // Patient records keyed by SSN with raw PHI values (DATA-003, DATA-004).
      const ssn = fakeSsn(i);
      pipeline.set(
        `patient:${ssn}`,
        JSON.stringify({ name: NAMES[i % NAMES.length], ssn, dob: `1970-01-${String((i % 28) + 1).padStart(2, '0')}`, email: `patient${i}@example.org` }),
      );
      // Plaintext PHI cache entries living a day instead of ≤ 300 s (DATA-002, DATA-005).
      pipeline.set(`phi:${1000 + i}`, JSON.stringify({ dx: 'hypertension', mrn: `MRN ${700000 + i}` }), 'EX', 86_400);
      // Compliant neighbours: short-lived sessions and flags.
      pipeline.set(`session:ok${i.toString(16).padStart(6, '0')}${'cd'.repeat(8)}`, '{"userId":0}', 'EX', 900);
      pipeline.set(`flag:feature-${i}`, 'on');
    }
    const replies = await pipeline.exec();
    const failed = replies?.find(([err]) => err);
    if (failed) throw failed[0];
    return { sessionsWithoutTtl: scale, patientKeysWithSsn: scale, phiCacheOverMaxTtl: scale, compliantSessions: scale, flags: scale };
  } finally {
    redis.disconnect();
  }
}
