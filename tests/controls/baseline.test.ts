import { describe, expect, it } from 'vitest';
import { REGISTRY } from '@/lib/controls/registry';
import { evaluate, hardenedContext, hardenedFacts } from './fixtures';

describe('hardened baseline', () => {
  it.each(REGISTRY.filter((d) => d.evaluatedPlatforms.includes('self')).map((d) => d.id))('%s passes on the hardened fixture', (id) => {
    const result = evaluate(id, hardenedFacts(), hardenedContext());
    expect({ status: result.status, reason: result.reason }).toEqual({ status: 'pass', reason: undefined });
    expect(result.evidenceRefs.length).toBeGreaterThan(0);
    expect(result.expected.length).toBeGreaterThan(10);
  });
});
