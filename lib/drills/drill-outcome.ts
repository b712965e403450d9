// Judges a restore: key counts per database against the instance's last known INFO keyspace (with
// the schedule's tolerance), and the measured RTO/RPO against the targets in force. Pure.

export interface DbComparison {
  db: number;
  expected: number;
  restored: number;
  withinTolerance: boolean;
}

export interface DrillJudgement {
  result: 'pass' | 'fail';
  reasons: string[];
  integrityPassed: boolean;
  comparisons: DbComparison[];
  expectedKeys: number | null;
  restoredKeys: number;
}

export interface JudgeInput {
  /** Keys per database from the last snapshot; null when the instance was never read. */
  expected: Record<number, number> | null;
  restored: Record<number, number>;
  tolerancePercent: number;
  rtoSeconds: number;
  rpoSeconds: number;
  rtoTargetSeconds: number;
  rpoTargetSeconds: number;
}

const total = (counts: Record<number, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

export function compareKeyCounts(expected: Record<number, number>, restored: Record<number, number>, tolerancePercent: number): DbComparison[] {
  const dbs = [...new Set([...Object.keys(expected), ...Object.keys(restored)].map(Number))].sort((a, b) => a - b);
  return dbs.map((db) => {
    const e = expected[db] ?? 0;
    const r = restored[db] ?? 0;
    const allowed = Math.ceil((e * tolerancePercent) / 100);
    return { db, expected: e, restored: r, withinTolerance: Math.abs(r - e) <= allowed };
  });
}

export function judgeDrill(input: JudgeInput): DrillJudgement {
  const reasons: string[] = [];
  const comparisons = input.expected ? compareKeyCounts(input.expected, input.restored, input.tolerancePercent) : [];
  if (!input.expected) reasons.push('no snapshot of the instance with INFO keyspace to compare key counts against: scan the instance first');
  for (const c of comparisons.filter((c) => !c.withinTolerance)) {
    reasons.push(`db${c.db}: restored ${c.restored} keys, expected ${c.expected}${input.tolerancePercent ? ` (±${input.tolerancePercent}%)` : ''}`);
  }
  const integrityPassed = input.expected !== null && comparisons.every((c) => c.withinTolerance);
  if (input.rtoSeconds > input.rtoTargetSeconds) reasons.push(`RTO ${input.rtoSeconds} s over the ${input.rtoTargetSeconds} s target`);
  if (input.rpoSeconds > input.rpoTargetSeconds) reasons.push(`RPO ${Math.round(input.rpoSeconds / 60)} min (backup age) over the ${Math.round(input.rpoTargetSeconds / 60)} min target`);
  return {
    result: reasons.length === 0 ? 'pass' : 'fail',
    reasons,
    integrityPassed,
    comparisons,
    expectedKeys: input.expected ? total(input.expected) : null,
    restoredKeys: total(input.restored),
  };
}
