// The finding lifecycle as data: which event moves a finding from which state to which, and who may
// cause it. People triage (acknowledge, remediate, false positive); only scans resolve and reopen;
// only an approved exception accepts a risk, and its expiry reopens the finding.

export const FINDING_STATES = ['open', 'acknowledged', 'in_remediation', 'risk_accepted', 'false_positive', 'resolved', 'reopened'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  in_remediation: 'In remediation',
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
  resolved: 'Resolved',
  reopened: 'Reopened',
};

/** States in which the remediation clock runs: these count as overdue after the due date. */
export const ACTIVE_STATES: readonly FindingState[] = ['open', 'acknowledged', 'in_remediation', 'reopened'];

export type FindingActor = 'person' | 'scan' | 'exception';

export const FINDING_EVENTS = [
  'acknowledge',
  'start_remediation',
  'mark_false_positive',
  'retriage',
  'exception_approved',
  'exception_expired',
  'scan_fail',
  'scan_pass',
  'scan_unverified',
] as const;
export type FindingEventName = (typeof FINDING_EVENTS)[number];

interface EventRule {
  by: FindingActor;
  label: string;
  /** from-state → to-state; a state not listed refuses the event. */
  moves: Partial<Record<FindingState, FindingState>>;
}

const every = (to: (s: FindingState) => FindingState) => Object.fromEntries(FINDING_STATES.map((s) => [s, to(s)])) as Record<FindingState, FindingState>;
const from = (states: FindingState[], to: FindingState) => Object.fromEntries(states.map((s) => [s, to])) as Partial<Record<FindingState, FindingState>>;

export const TRANSITIONS: Record<FindingEventName, EventRule> = {
  acknowledge: { by: 'person', label: 'Acknowledge', moves: from(['open', 'reopened'], 'acknowledged') },
  start_remediation: { by: 'person', label: 'Start remediation', moves: from(['open', 'reopened', 'acknowledged'], 'in_remediation') },
  mark_false_positive: { by: 'person', label: 'Mark false positive', moves: from(['open', 'reopened', 'acknowledged', 'in_remediation'], 'false_positive') },
  retriage: { by: 'person', label: 'Back to acknowledged', moves: from(['false_positive', 'in_remediation'], 'acknowledged') },
  exception_approved: { by: 'exception', label: 'Exception approved', moves: from(['open', 'reopened', 'acknowledged', 'in_remediation'], 'risk_accepted') },
  exception_expired: { by: 'exception', label: 'Exception expired', moves: { risk_accepted: 'reopened' } },
  // A failing result keeps the finding where people put it; only a resolved one comes back.
  scan_fail: { by: 'scan', label: 'Scan: fail', moves: every((s) => (s === 'resolved' ? 'reopened' : s)) },
  scan_pass: { by: 'scan', label: 'Scan: pass', moves: every(() => 'resolved') },
  // error / not_assessable / not_applicable: nothing was verified, nothing changes.
  scan_unverified: { by: 'scan', label: 'Scan: not verified', moves: every((s) => s) },
};

export type TransitionOutcome = { ok: true; to: FindingState } | { ok: false; reason: string };

export function transition(state: FindingState, event: FindingEventName): TransitionOutcome {
  const rule = TRANSITIONS[event];
  const to = rule.moves[state];
  if (to) return { ok: true, to };
  const allowed = Object.keys(rule.moves).map((s) => FINDING_STATE_LABELS[s as FindingState].toLowerCase());
  return { ok: false, reason: `"${rule.label}" is not possible while the finding is ${FINDING_STATE_LABELS[state].toLowerCase()} (only when ${allowed.join(', ')}).` };
}

/** The events a person may apply in this state (the buttons on the finding page). */
export function personEventsFrom(state: FindingState): FindingEventName[] {
  return FINDING_EVENTS.filter((e) => TRANSITIONS[e].by === 'person' && TRANSITIONS[e].moves[state] !== undefined);
}

export const PERSON_EVENTS = FINDING_EVENTS.filter((e) => TRANSITIONS[e].by === 'person');

export function isFindingState(value: unknown): value is FindingState {
  return typeof value === 'string' && (FINDING_STATES as readonly string[]).includes(value);
}

export function isActive(state: string): boolean {
  return (ACTIVE_STATES as readonly string[]).includes(state);
}
