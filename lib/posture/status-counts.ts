// Status counts and the posture score (catalog §1.2): score = pass / (pass + fail + error +
// not_assessable); not_applicable is excluded, and error / not_assessable never count as pass.
import { CONTROL_STATUSES, type ControlStatus } from '../controls/types';

export type StatusCounts = Record<ControlStatus, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function addCounts(into: StatusCounts, add: StatusCounts, sign = 1): StatusCounts {
  for (const s of CONTROL_STATUSES) into[s] += sign * add[s];
  return into;
}

/** Results that were assessed for the score: everything except not_applicable. */
export function scoredTotal(counts: StatusCounts): number {
  return counts.pass + counts.fail + counts.error + counts.not_assessable;
}

/** null when nothing was assessed (no score is not a score of 0). */
export function postureScore(counts: StatusCounts): number | null {
  const denominator = scoredTotal(counts);
  return denominator === 0 ? null : counts.pass / denominator;
}

/** "Not assessed" on dashboards: could not evaluate (error) plus not assessable. */
export function notAssessed(counts: StatusCounts): number {
  return counts.error + counts.not_assessable;
}

export function isControlStatus(value: string): value is ControlStatus {
  return (CONTROL_STATUSES as readonly string[]).includes(value);
}

/** PostureDaily columns ↔ statuses. */
export const ROLLUP_COLUMNS = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  not_assessable: 'notAssessable',
  not_applicable: 'notApplicable',
} as const satisfies Record<ControlStatus, string>;

export interface RollupCounts {
  pass: number;
  fail: number;
  error: number;
  notAssessable: number;
  notApplicable: number;
}

export function fromRollup(row: RollupCounts): StatusCounts {
  return { pass: row.pass, fail: row.fail, error: row.error, not_assessable: row.notAssessable, not_applicable: row.notApplicable };
}

export function toRollup(counts: StatusCounts): RollupCounts {
  return { pass: counts.pass, fail: counts.fail, error: counts.error, notAssessable: counts.not_assessable, notApplicable: counts.not_applicable };
}
