// The finding lifecycle as a state machine: every (state, event) pair against a literal expected
// table, plus the result sequences of catalog §1.2 (error after fail, pass, reopen) and SLA dates.
import { describe, expect, it } from 'vitest';
import { FINDING_EVENTS, FINDING_STATES, personEventsFrom, transition, TRANSITIONS, type FindingEventName, type FindingState } from '@/lib/findings/lifecycle';
import { planFindingChange } from '@/lib/findings/plan-finding-change';
import { dueDateFor, isOverdue } from '@/lib/findings/sla';

const SLA = { critical: 7, high: 30, medium: 90, low: 180 };
const DAY = 86_400_000;
const t0 = new Date('2026-01-10T03:00:00Z');
const later = (days: number) => new Date(t0.getTime() + days * DAY);

// Columns: open, acknowledged, in_remediation, risk_accepted, false_positive, resolved, reopened.
// '-' = refused.
const EXPECTED: Record<FindingEventName, string[]> = {
  acknowledge: ['acknowledged', '-', '-', '-', '-', '-', 'acknowledged'],
  start_remediation: ['in_remediation', 'in_remediation', '-', '-', '-', '-', 'in_remediation'],
  mark_false_positive: ['false_positive', 'false_positive', 'false_positive', '-', '-', '-', 'false_positive'],
  retriage: ['-', '-', 'acknowledged', '-', 'acknowledged', '-', '-'],
  exception_approved: ['risk_accepted', 'risk_accepted', 'risk_accepted', '-', '-', '-', 'risk_accepted'],
  exception_expired: ['-', '-', '-', 'reopened', '-', '-', '-'],
  scan_fail: ['open', 'acknowledged', 'in_remediation', 'risk_accepted', 'false_positive', 'reopened', 'reopened'],
  scan_pass: ['resolved', 'resolved', 'resolved', 'resolved', 'resolved', 'resolved', 'resolved'],
  scan_unverified: ['open', 'acknowledged', 'in_remediation', 'risk_accepted', 'false_positive', 'resolved', 'reopened'],
};

describe('finding lifecycle transition table', () => {
  it('covers every event', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...FINDING_EVENTS].sort());
  });

  for (const event of FINDING_EVENTS) {
    for (const [i, state] of FINDING_STATES.entries()) {
      const expected = EXPECTED[event][i];
      it(`${state} --${event}--> ${expected === '-' ? 'refused' : expected}`, () => {
        const outcome = transition(state, event);
        if (expected === '-') {
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.reason).toMatch(/not possible while the finding is/);
        } else expect(outcome).toEqual({ ok: true, to: expected });
      });
    }
  }

  it('lets only scans resolve or reopen from triage, and only exceptions accept a risk', () => {
    for (const event of FINDING_EVENTS) {
      const targets = Object.values(TRANSITIONS[event].moves);
      if (TRANSITIONS[event].by !== 'scan') expect(targets.filter((s) => s === 'resolved'), event).toEqual([]);
      if (TRANSITIONS[event].by === 'person') {
        expect(targets, event).not.toContain('reopened');
        expect(targets, event).not.toContain('risk_accepted');
      }
    }
  });

  it('offers people only the moves the table allows', () => {
    expect(personEventsFrom('open')).toEqual(['acknowledge', 'start_remediation', 'mark_false_positive']);
    expect(personEventsFrom('resolved')).toEqual([]);
    expect(personEventsFrom('risk_accepted')).toEqual([]);
  });
});

describe('results applied to a finding', () => {
  const fail = { controlId: 'RED-AUTH-001', status: 'fail' as const, severity: 'critical' as const };
  const as = (status: 'pass' | 'fail' | 'error' | 'not_assessable' | 'not_applicable') => ({ ...fail, status });

  it('opens a finding at the first fail with its severity and a due date from the SLA', () => {
    expect(planFindingChange(null, fail, t0, SLA)).toEqual({ kind: 'create', state: 'open', severity: 'critical', dueAt: later(7) });
  });

  it('opens nothing for pass, error, not_assessable or not_applicable', () => {
    for (const status of ['pass', 'error', 'not_assessable', 'not_applicable'] as const) expect(planFindingChange(null, as(status), t0, SLA)).toEqual({ kind: 'none' });
  });

  it('keeps a failing finding open after error or not_assessable, and notes it is no longer verified', () => {
    let finding = { state: 'open' as FindingState, severity: 'critical', lastStatus: 'fail', lastEvaluatedAt: t0 };
    for (const [day, status] of [[1, 'error'], [2, 'not_assessable'], [3, 'error']] as const) {
      const change = planFindingChange(finding, as(status), later(day), SLA);
      expect(change.kind).toBe('update');
      if (change.kind !== 'update') return;
      expect(change.to).toBe('open');
      expect(change.verified).toBe(false);
      expect(change.lostVerification).toBe(day === 1);
      finding = { ...finding, lastStatus: status, lastEvaluatedAt: later(day) };
    }
  });

  it('resolves on a later pass and reopens on a fail after that', () => {
    const resolved = planFindingChange({ state: 'acknowledged', severity: 'critical', lastStatus: 'error', lastEvaluatedAt: t0 }, as('pass'), later(1), SLA);
    expect(resolved).toMatchObject({ kind: 'update', from: 'acknowledged', to: 'resolved', verified: true });
    const reopened = planFindingChange({ state: 'resolved', severity: 'critical', lastStatus: 'pass', lastEvaluatedAt: later(1) }, fail, later(2), SLA);
    expect(reopened).toMatchObject({ kind: 'update', from: 'resolved', to: 'reopened', detected: true });
  });

  it('is idempotent: a result not newer than the last one reconciled changes nothing', () => {
    const finding = { state: 'open' as FindingState, severity: 'critical', lastStatus: 'fail', lastEvaluatedAt: later(1) };
    expect(planFindingChange(finding, as('pass'), later(1), SLA)).toEqual({ kind: 'none' });
    expect(planFindingChange(finding, as('pass'), t0, SLA)).toEqual({ kind: 'none' });
  });
});

describe('remediation SLA', () => {
  it('uses the per-severity days, including configured ones', () => {
    expect(dueDateFor(t0, 'high', SLA)).toEqual(later(30));
    expect(dueDateFor(t0, 'low', SLA)).toEqual(later(180));
    expect(dueDateFor(t0, 'critical', { ...SLA, critical: 3 })).toEqual(later(3));
  });

  it('counts only active findings as overdue', () => {
    expect(isOverdue({ state: 'open', dueAt: later(7) }, later(8))).toBe(true);
    expect(isOverdue({ state: 'reopened', dueAt: later(7) }, later(8))).toBe(true);
    expect(isOverdue({ state: 'open', dueAt: later(7) }, later(6))).toBe(false);
    for (const state of ['risk_accepted', 'false_positive', 'resolved']) expect(isOverdue({ state, dueAt: later(7) }, later(8)), state).toBe(false);
  });
});
