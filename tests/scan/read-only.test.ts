// Read-only proof: INFO commandstats, read on a separate privileged connection before and after a
// full scan (keyspace audit with value sampling included), shows no write command call.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Redis from 'ioredis';
import { connectSandbox, seedPhiProblems, type PostureName, type StartedSandbox } from '@/lib/redis-sandbox';
import { DEFAULT_THRESHOLDS } from '@/lib/controls';
import { scanTarget } from '@/lib/scan';
import { startPostures, targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';

const POSTURES_UNDER_TEST = ['hardened', 'phiProblems', 'insecureDefaults'] as const satisfies readonly PostureName[];
let sandboxes: Record<(typeof POSTURES_UNDER_TEST)[number], StartedSandbox>;
let stopAll: () => Promise<unknown>;

beforeAll(async () => {
  ({ sandboxes, stopAll } = await startPostures(POSTURES_UNDER_TEST));
  await seedPhiProblems(sandboxes.phiProblems);
});
afterAll(async () => {
  await stopAll?.();
});

async function commandCalls(admin: Redis): Promise<Map<string, number>> {
  const text = await admin.info('commandstats');
  const calls = new Map<string, number>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(m[1], Number(m[2]));
  return calls;
}

async function keyState(admin: Redis): Promise<string> {
  // Every key with its value and whether it expires: the whole keyspace (KEYS is renamed on hardened).
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await admin.scan(cursor, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  keys.sort();
  const parts = await Promise.all(keys.map(async (k) => `${k}=${await admin.get(k)}:${(await admin.ttl(k)) > 0 ? 'ttl' : 'none'}`));
  return parts.join('\n');
}

describe('a full scan is read-only', () => {
  it.each(POSTURES_UNDER_TEST)('%s: no write command called, keyspace unchanged', async (p) => {
    const sandbox = sandboxes[p];
    const admin = connectSandbox(sandbox);
    try {
      const keysBefore = await keyState(admin);
      const before = await commandCalls(admin);
      const scan = await scanTarget(targetFor(sandbox), { thresholds: DEFAULT_THRESHOLDS, fingerprintKey: TEST_FINGERPRINT_KEY, keyspace: 'values' });
      expect(scan.status).toBe('ok');
      const after = await commandCalls(admin);

      const called = [...after].filter(([cmd, n]) => n > (before.get(cmd) ?? 0)).map(([cmd]) => cmd);
      // Our own INFO calls (stats before/after) are excluded; everything else the scan sent must be
      // a command Redis itself flags as not writing.
      const byScan = called.filter((c) => c !== 'info');
      expect(byScan.length).toBeGreaterThan(5);
      const flags = (await admin.call('COMMAND', 'INFO', ...byScan.map((c) => c.split('|')[0]))) as [string, number, string[]][];
      const writers = flags.filter((f) => f && f[2].includes('write')).map((f) => f[0]);
      expect(writers).toEqual([]);
      for (const forbidden of ['set', 'del', 'unlink', 'expire', 'flushall', 'flushdb', 'config|set', 'acl|setuser', 'client|setinfo', 'client|kill', 'keys', 'monitor', 'slowlog|get']) {
        expect(called, forbidden).not.toContain(forbidden);
      }
      // Only allowlisted verbs reached the server.
      const allowed = new Set(['auth', 'hello', 'ping', 'info', 'config|get', 'acl|list', 'acl|getuser', 'acl|log', 'acl|dryrun', 'client|list', 'command|info', 'time', 'role', 'select', 'dbsize', 'scan', 'ttl', 'pttl', 'type', 'strlen', 'getrange', 'hscan', 'lrange', 'srandmember', 'zrange', 'xrange', 'slowlog|len']);
      expect(byScan.filter((c) => !allowed.has(c))).toEqual([]);
      expect(await keyState(admin)).toBe(keysBefore);
      // The probe's own tally agrees with the server's.
      expect(Object.keys(scan.facts!.meta.commandsSent).sort()).toEqual([...byScan, 'info'].filter((c, i, a) => a.indexOf(c) === i && scan.facts!.meta.commandsSent[c]).sort());
    } finally {
      admin.disconnect();
    }
  });
});
