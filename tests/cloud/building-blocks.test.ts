// The small pieces collectCloud relies on: bounded concurrency, the shared refreshing session, and
// the endpoint split google-gax needs.

import { describe, expect, it } from 'vitest';
import { createLimiter, mapWithConcurrency } from '@/lib/concurrency/bounded';
import { sharedSession } from '@/lib/inventory/aws/accounts';
import { parseEndpoint } from '@/lib/inventory/gcp/client';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('concurrency', () => {
  it('never runs more than the limit at once, across callers, and keeps the order of results', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const task = (value: number) =>
      limit(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await tick();
        active -= 1;
        return value * 2;
      });
    const results = await Promise.all([...Array.from({ length: 10 }, (_, i) => task(i)), ...Array.from({ length: 10 }, (_, i) => task(i + 10))]);
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    const mapped = await mapWithConcurrency([3, 1, 2], 2, async (value) => {
      await tick();
      return value + 1;
    });
    expect(mapped).toEqual([4, 2, 3]);
  });
});

describe('sharedSession', () => {
  it('fetches once for concurrent callers and again only when the session is about to expire', async () => {
    let fetches = 0;
    let lifetimeMs = 60 * 60_000;
    const provider = sharedSession(async () => {
      fetches += 1;
      await tick();
      return { accessKeyId: `ASIA${fetches}`, secretAccessKey: 's', expiration: new Date(Date.now() + lifetimeMs) };
    });
    const first = await Promise.all([provider(), provider(), provider()]);
    expect(first.map((identity) => identity.accessKeyId)).toEqual(['ASIA1', 'ASIA1', 'ASIA1']);
    expect((await provider()).accessKeyId).toBe('ASIA1');
    lifetimeMs = 2 * 60_000; // the next session expires within the five-minute refresh window
    const saved = await provider();
    expect(saved.accessKeyId).toBe('ASIA1');
    expect(fetches).toBe(1);
  });

  it('refreshes a session within five minutes of expiry and does not cache a failure', async () => {
    let fetches = 0;
    let fail = true;
    const provider = sharedSession(async () => {
      fetches += 1;
      if (fail) throw new Error('AccessDenied');
      return { accessKeyId: `ASIA${fetches}`, secretAccessKey: 's', expiration: new Date(Date.now() + 60_000) };
    });
    await expect(provider()).rejects.toThrow('AccessDenied');
    fail = false;
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect((await provider()).accessKeyId).toBe('ASIA3');
  });
});

describe('parseEndpoint', () => {
  it('splits scheme, host and port as google-gax wants them', () => {
    expect(parseEndpoint('http://127.0.0.1:8787')).toEqual({ apiEndpoint: '127.0.0.1', port: 8787, protocol: 'http' });
    expect(parseEndpoint('https://redis.googleapis.com')).toEqual({ apiEndpoint: 'redis.googleapis.com', port: 443, protocol: 'https' });
    expect(parseEndpoint('http://[::1]:9000')).toEqual({ apiEndpoint: '::1', port: 9000, protocol: 'http' });
  });
});
