// Table-driven tests of the cloud evaluators: each case edits a deep copy of one hardened fixture
// resource (collected from the emulator once per test file) and/or the context, and states the
// verdict it expects.

import { beforeAll, describe, expect, it } from 'vitest';
import { controlDefinition } from '@/lib/controls/registry';
import type { EvaluationContext } from '@/lib/controls/context';
import type { ControlResult, ControlStatus } from '@/lib/controls/types';
import { cloudContext, collectHardenedEstate, type CloudFixtures } from './cloud-fixtures';

export type FixtureName = 'ec' | 'standalone' | 'ecs' | 'ms';
type FactsOf<N extends FixtureName> = CloudFixtures[N];

export interface CloudCase<N extends FixtureName> {
  name: string;
  facts?: (facts: FactsOf<N>) => void;
  ctx?: (ctx: EvaluationContext, fixtures: CloudFixtures) => void;
  status: ControlStatus;
  reason?: RegExp;
  dependsOn?: string;
  check?: (result: ControlResult) => void;
}

let fixtures: CloudFixtures | undefined;

/** Collects the hardened estate before the file's tests (one emulator run per file). */
export function collectFixturesBeforeAll(): void {
  beforeAll(async () => {
    fixtures ??= await collectHardenedEstate();
  }, 60_000);
}

/** Evaluates one control on a copy of a fixture resource. */
export function evaluateCloud<N extends FixtureName>(
  controlId: string,
  resource: N,
  edit?: (facts: FactsOf<N>) => void,
  editCtx?: (ctx: EvaluationContext, fixtures: CloudFixtures) => void,
): ControlResult {
  if (!fixtures) throw new Error('cloud fixtures not collected yet');
  const facts = structuredClone(fixtures[resource]);
  edit?.(facts);
  const ctx = cloudContext(fixtures.now);
  editCtx?.(ctx, fixtures);
  const definition = controlDefinition(controlId);
  if (!definition) throw new Error(`no evaluator for ${controlId}`);
  return definition.evaluate(facts, ctx);
}

export function cloudCases<N extends FixtureName>(controlId: string, resource: N, cases: CloudCase<N>[]): void {
  describe(`${controlId} on ${resource}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const result = evaluateCloud(controlId, resource, c.facts, c.ctx);
      expect(result.controlId).toBe(controlId);
      expect(result.status, JSON.stringify({ reason: result.reason, observed: result.observed })).toBe(c.status);
      if (c.reason) expect(result.reason).toMatch(c.reason);
      if (c.status !== 'pass') expect(result.reason, 'a non-pass result states why').toBeTruthy();
      else expect(result.evidenceRefs.length, 'a pass carries its evidence').toBeGreaterThan(0);
      if (c.dependsOn) expect(result.dependsOn).toBe(c.dependsOn);
      c.check?.(result);
    });
  });
}

/** Asserts a pass rests on a listed platform guarantee (catalog §1.2). */
export const byPlatform = (id: string) => (result: ControlResult) => {
  expect(result.observed).toBe(`platform guarantee:${id}`);
  expect(result.evidenceRefs).toContain(`platform-facts/${id}`);
};

/** The earlier name, still imported by other test files. */
export const useCloudFixtures = collectFixturesBeforeAll;
