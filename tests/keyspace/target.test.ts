// Replicas given with a target (inventory or --config): the keyspace audit's preferred nodes.
import { describe, expect, it } from 'vitest';
import { resolveTarget, TargetError } from '@/lib/scan';

describe('target replicas', () => {
  it('become the probe target replicas (host and port; credentials and TLS are the primary\'s)', () => {
    const { probe } = resolveTarget({ url: 'rediss://10.0.1.5:6380', replicas: ['rediss://10.0.1.6:6380', 'redis://[fd00::7]'] }, {});
    expect(probe.replicas).toEqual([
      { host: '10.0.1.6', port: 6380 },
      { host: 'fd00::7', port: 6379 },
    ]);
  });

  it('reject a replica that is not a redis URL, naming it', () => {
    expect(() => resolveTarget({ url: 'redis://10.0.1.5', replicas: ['10.0.1.6:6379'] }, {}, 'targets.0')).toThrow(TargetError);
    expect(() => resolveTarget({ url: 'redis://10.0.1.5', replicas: ['10.0.1.6:6379'] }, {}, 'targets.0')).toThrow(/targets\.0\.replicas\.0: each replica must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});
