// A control's decision before the catalog metadata is attached (see define-control.ts), and the
// sub-check algebra most controls use: several conditions, each decided or missing, combined so
// that a violation wins, a missing fact never turns into a pass, and every reason is kept.

import type { ControlStatus } from '../types';

export interface Verdict {
  status: ControlStatus;
  observed: unknown;
  reason?: string;
  dependsOn?: string;
  evidenceRefs: string[];
}

export type CheckOutcome = Exclude<ControlStatus, 'not_applicable'>;

/** One condition of a control. `observed` is short and redacted. */
export interface Check {
  name: string;
  outcome: CheckOutcome;
  observed: unknown;
  reason?: string;
  refs: string[];
}

export function passed(name: string, observed: unknown, refs: string[]): Check {
  return { name, outcome: 'pass', observed, refs };
}

export function failed(name: string, observed: unknown, reason: string, refs: string[]): Check {
  return { name, outcome: 'fail', observed, reason, refs };
}

/** A condition that cannot be decided from the facts at hand (never a pass). */
export function undecided(
  name: string,
  outcome: 'error' | 'not_assessable',
  reason: string,
  refs: string[],
  observed: unknown = null,
): Check {
  return { name, outcome, observed, reason, refs };
}

const PRECEDENCE: CheckOutcome[] = ['fail', 'error', 'not_assessable', 'pass'];

/** fail > error > not_assessable > pass; observed keyed by check name; reasons and refs de-duplicated. */
export function combine(checks: Check[]): Verdict {
  if (checks.length === 0) throw new Error('combine() needs at least one check');
  const status = PRECEDENCE.find((outcome) => checks.some((c) => c.outcome === outcome))!;
  const reasons = [...new Set(checks.filter((c) => c.outcome === status && c.reason).map((c) => c.reason!))];
  const observed = Object.fromEntries(checks.map((c) => [c.name, c.observed]));
  const evidenceRefs = [...new Set(checks.flatMap((c) => c.refs))];
  return { status, observed, evidenceRefs, ...(reasons.length ? { reason: reasons.join('; ') } : {}) };
}

export function notApplicable(reason: string, evidenceRefs: string[] = [], dependsOn?: string): Verdict {
  return { status: 'not_applicable', observed: null, reason, evidenceRefs, ...(dependsOn ? { dependsOn } : {}) };
}

/** A verdict from a single check: its observed value as is. */
export function single(check: Check): Verdict {
  return { ...combine([check]), observed: check.observed };
}
