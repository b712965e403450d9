import { describe, expect, it } from 'vitest';
import { fleetControlState, frameworkPosture } from '@/lib/posture/framework-posture';
import { emptyCounts, notAssessed, postureScore, type StatusCounts } from '@/lib/posture/status-counts';
import { topFailingControls } from '@/lib/posture/top-failing-controls';

const counts = (c: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...c });

describe('posture figures (catalog §1.2)', () => {
  it('scores pass over everything assessed: not_applicable excluded, error and not_assessable never a pass', () => {
    expect(postureScore(counts({ pass: 3, fail: 1, error: 1, not_assessable: 1, not_applicable: 10 }))).toBe(0.5);
    expect(postureScore(counts({ not_applicable: 4 }))).toBeNull();
    expect(postureScore(counts({ error: 2 }))).toBe(0);
    expect(notAssessed(counts({ error: 2, not_assessable: 3 }))).toBe(5);
  });

  it('calls a control passing only when it passes everywhere it was assessed', () => {
    expect(fleetControlState(counts({ pass: 9, fail: 1 }))).toBe('failing');
    expect(fleetControlState(counts({ pass: 9, not_assessable: 1 }))).toBe('not_assessed');
    expect(fleetControlState(counts({ pass: 9, not_applicable: 3 }))).toBe('passing');
    expect(fleetControlState(counts({ not_applicable: 3 }))).toBe('no_result');
    expect(fleetControlState(undefined)).toBe('no_result');
  });

  it('sums a requirement over its controls and counts them by fleet state', () => {
    const byControl = new Map([
      ['RED-TLS-001', counts({ pass: 2, fail: 2 })],
      ['RED-NET-001', counts({ pass: 4 })],
      ['RED-AUTH-001', counts({ pass: 1, error: 3 })],
    ]);
    const hipaa = frameworkPosture('hipaa', byControl);
    const transmission = hipaa.find((r) => r.ref === '164.312(e)(1)')!;
    expect(transmission.title).toBe('Transmission security');
    expect(transmission.counts).toMatchObject({ pass: 6, fail: 2 });
    expect(transmission.score).toBe(0.75);
    expect(transmission.controls).toMatchObject({ failing: 1, passing: 1 });
    const access = hipaa.find((r) => r.ref === '164.312(a)(1)')!;
    expect(access.controls).toMatchObject({ passing: 1, not_assessed: 1 });
    // HIPAA paragraphs keep the regulation's order: 164.312 first.
    expect(hipaa[0].ref.startsWith('164.312')).toBe(true);
    const hitrust = frameworkPosture('hitrust', byControl);
    expect(hitrust.find((r) => r.ref === '0903.10f1')!.counts.fail).toBe(2);
    expect(hitrust.every((r) => r.title.length > 0)).toBe(true);
  });

  it('ranks failing controls by how many instances fail, then severity', () => {
    const byControl = new Map([
      ['RED-CFG-001', counts({ fail: 5 })], // high
      ['RED-TLS-001', counts({ fail: 5, pass: 5 })], // critical
      ['RED-NET-001', counts({ fail: 9 })],
      ['RED-AUTH-001', counts({ pass: 9 })],
    ]);
    expect(topFailingControls(byControl).map((c) => c.controlId)).toEqual(['RED-NET-001', 'RED-TLS-001', 'RED-CFG-001']);
    const top = topFailingControls(byControl, 1);
    expect(top).toEqual([{ controlId: 'RED-NET-001', title: expect.any(String), severity: 'critical', fail: 9, notAssessed: 0, score: 0 }]);
  });
});
