import { describe, expect, it } from 'vitest';
import { CONTROL_IDS, evaluateControls, frameworksFor, pendingControlIds } from '@/lib/controls';
import type { Collected } from '@/lib/facts/common';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { configOf, hardenedContext, hardenedFacts, missing, NOW, thresholds } from './fixtures';

/** Every collected fact replaced by the same failure (e.g. the host refused the connection). */
function everyFactMissing(outcome: 'refused' | 'noperm'): SelfHostedFacts {
  const facts = hardenedFacts();
  const replace = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === 'object' && 'ok' in value && typeof (value as Collected<unknown>).ok === 'boolean') {
        (node as Record<string, unknown>)[key] = missing(outcome, `fixture: everything ${outcome}`);
      } else replace(value);
    }
  };
  replace(facts);
  return facts;
}

describe('evaluateControls', () => {
  it('returns catalog-ordered results with frameworks, and not_applicable for controls that do not cover self', () => {
    const results = evaluateControls(hardenedFacts(), hardenedContext());
    const ids = results.map((r) => r.controlId);
    expect(ids).toEqual(CONTROL_IDS.filter((id) => ids.includes(id)));
    for (const r of results) expect(r.frameworks).toEqual(frameworksFor(r.controlId));
    const na = results.filter((r) => r.status === 'not_applicable');
    expect(na.map((r) => r.controlId)).toEqual([
      'RED-NET-002', 'RED-NET-003', 'RED-ENC-002', 'RED-CFG-002', 'RED-CFG-003', 'RED-CFG-004', 'RED-LOG-001', 'RED-BAK-001', 'RED-ROT-001',
    ]);
    for (const r of na) expect(r.reason).toBeTruthy();
    expect(results.filter((r) => r.status !== 'not_applicable').every((r) => r.status === 'pass')).toBe(true);
  });

  it('leaves out controls without an evaluator and lists them', () => {
    const pending = pendingControlIds('self');
    expect(pending).toEqual([]);
    const ids = evaluateControls(hardenedFacts(), hardenedContext()).map((r) => r.controlId);
    expect(ids.length + pending.length).toBe(67);
    expect(ids.some((id) => pending.includes(id))).toBe(false);
  });

  it.each(['refused', 'noperm'] as const)('never passes when every fact is missing (%s)', (outcome) => {
    const results = evaluateControls(everyFactMissing(outcome), { thresholds: thresholds(), now: NOW });
    const passing = results.filter((r) => r.status === 'pass').map((r) => r.controlId);
    expect(passing).toEqual([]);
    const expected = outcome === 'refused' ? 'error' : 'not_assessable';
    expect(results.find((r) => r.controlId === 'RED-AUTH-002')?.status).toBe(expected);
    expect(results.find((r) => r.controlId === 'RED-INV-002')?.status).toBe('fail');
    for (const r of results) if (r.status !== 'pass') expect(r.reason, r.controlId).toBeTruthy();
  });

  it('reports TLS off once: the dependents are not_applicable with dependsOn', () => {
    const facts = hardenedFacts((f) => {
      configOf(f)['tls-port'] = '0';
      configOf(f).port = '6380';
    });
    const results = evaluateControls(facts, hardenedContext());
    expect(results.find((r) => r.controlId === 'RED-TLS-001')?.status).toBe('fail');
    const dependents = results.filter((r) => r.dependsOn === 'RED-TLS-001').map((r) => r.controlId);
    expect(dependents).toEqual(['RED-TLS-002', 'RED-TLS-003', 'RED-TLS-004', 'RED-TLS-005', 'RED-TLS-006', 'RED-TLS-007', 'RED-ROT-003']);
  });

  it('turns an evaluator defect into error for that control only', () => {
    const facts = hardenedFacts((f) => {
      (f.tls as { handshakes: unknown }).handshakes = null;
    });
    const results = evaluateControls(facts, hardenedContext());
    const tls1 = results.find((r) => r.controlId === 'RED-TLS-003')!;
    expect(tls1.status).toBe('error');
    expect(tls1.reason).toMatch(/evaluator failed/);
    expect(results.find((r) => r.controlId === 'RED-AUTH-001')?.status).toBe('pass');
  });

  it('keeps secrets and fingerprints out of the evidence', () => {
    const text = JSON.stringify(evaluateControls(hardenedFacts(), hardenedContext()));
    expect(text).not.toMatch(/fp-(app|repl|scanner|admin)/);
    expect(text).not.toMatch(/#fp:/);
  });

  it('points evidence at facts with JSON pointers', () => {
    const results = evaluateControls(hardenedFacts(), hardenedContext());
    const tls2 = results.find((r) => r.controlId === 'RED-TLS-002')!;
    expect(tls2.evidenceRefs).toEqual(['facts#/config/values/port', 'facts#/plaintext']);
    expect(tls2.expected).toMatch(/port 0/);
  });
});
