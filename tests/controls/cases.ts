// Table-driven control tests: each case edits the hardened fixture and/or context and states the
// verdict it expects (status, and a pattern the reason must match).

import { describe, expect, it } from 'vitest';
import type { EvaluationContext } from '@/lib/controls/context';
import type { ControlResult, ControlStatus } from '@/lib/controls/types';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { evaluate, hardenedContext, hardenedFacts } from './fixtures';

export interface ControlCase {
  name: string;
  facts?: (facts: SelfHostedFacts) => void;
  ctx?: (ctx: EvaluationContext) => void;
  status: ControlStatus;
  reason?: RegExp;
  dependsOn?: string;
  check?: (result: ControlResult) => void;
}

export function controlCases(controlId: string, cases: ControlCase[]): void {
  describe(controlId, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const ctx = hardenedContext();
      c.ctx?.(ctx);
      const result = evaluate(controlId, hardenedFacts(c.facts), ctx);
      expect(result.controlId).toBe(controlId);
      expect(result.status, JSON.stringify({ reason: result.reason, observed: result.observed })).toBe(c.status);
      if (c.reason) expect(result.reason).toMatch(c.reason);
      if (c.status !== 'pass') expect(result.reason, 'a non-pass result states why').toBeTruthy();
      if (c.dependsOn) expect(result.dependsOn).toBe(c.dependsOn);
      c.check?.(result);
    });
  });
}
