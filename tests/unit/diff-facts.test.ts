import { describe, expect, it } from 'vitest';
import { diffFacts } from '@/lib/facts-diff/diff-facts';

describe('facts diff', () => {
  it('reports added, removed and changed facts as JSON pointers', () => {
    const before = { config: { ok: true, value: { values: { 'tls-port': '0', timeout: '0' } } }, acl: { users: ['a', 'b'] } };
    const after = { config: { ok: true, value: { values: { 'tls-port': '6380', maxmemory: '1gb' } } }, acl: { users: ['a'] } };
    expect(diffFacts(before, after)).toEqual([
      { pointer: '/config/value/values/tls-port', kind: 'changed', before: '0', after: '6380' },
      { pointer: '/config/value/values/timeout', kind: 'removed', before: '0' },
      { pointer: '/config/value/values/maxmemory', kind: 'added', after: '1gb' },
      { pointer: '/acl/users', kind: 'changed', before: ['a', 'b'], after: ['a'] },
    ]);
  });

  it('ignores counters and clocks that change on every scan', () => {
    const before = { meta: { collectedAt: '1' }, server: { value: { uptimeSeconds: 5, version: '7.0.15' } }, info: { stats: { x: 1 } } };
    const after = { meta: { collectedAt: '2' }, server: { value: { uptimeSeconds: 9, version: '7.0.15' } }, info: { stats: { x: 2 } } };
    expect(diffFacts(before, after)).toEqual([]);
  });

  it('escapes keys that contain / and ~', () => {
    expect(diffFacts({ a: { 'x/y~z': 1 } }, { a: { 'x/y~z': 2 } })[0].pointer).toBe('/a/x~1y~0z');
  });
});
