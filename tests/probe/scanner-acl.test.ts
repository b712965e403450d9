// The documented minimal scanner user is the one the sandboxes grant, and it is enough.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandbox, SCANNER_ACL_RULES, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { probeRedis } from '@/lib/probe/redis';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';

let hardened: StartedSandbox;
let facts: SelfHostedFacts;

beforeAll(async () => {
  hardened = await startSandbox('hardened');
  facts = await probeRedis(targetFor(hardened), { fingerprintKey: TEST_FINGERPRINT_KEY, keyspace: { readValues: true } });
});
afterAll(async () => {
  await hardened?.stop();
});

describe('minimal scanner ACL user', () => {
  it('is documented exactly as the code grants it', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/scanner-acl.md'), 'utf8');
    expect(doc).toContain(`ACL SETUSER scanner on >CHANGE-ME-long-random ${SCANNER_ACL_RULES}`);
    expect(doc).toContain(`user scanner on >CHANGE-ME-long-random ${SCANNER_ACL_RULES}`);
  });

  it('holds no write, admin or dangerous right', async () => {
    const admin = connectSandbox(hardened);
    try {
      for (const command of [['SET', 'k', 'v'], ['DEL', 'k'], ['FLUSHALL'], ['CONFIG', 'SET', 'timeout', '0'], ['ACL', 'SETUSER', 'x'], ['SHUTDOWN'], ['KEYS', '*'], ['MONITOR'], ['SLOWLOG', 'GET']]) {
        const reply = await admin.call('ACL', 'DRYRUN', 'scanner', ...command).catch((e: Error) => e.message);
        expect(String(reply), command.join(' ')).not.toBe('OK');
      }
      expect(await admin.call('ACL', 'DRYRUN', 'scanner', 'GETRANGE', 'k', '0', '1')).toBe('OK');
    } finally {
      admin.disconnect();
    }
  });

  it('collects every fact on a hardened server (nothing refused)', () => {
    const refused: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const fact = node as { ok?: boolean; outcome?: string };
      if (fact.ok === false && fact.outcome === 'noperm') refused.push(at);
      for (const [k, v] of Object.entries(node)) visit(v, `${at}/${k}`);
    };
    visit(facts, '');
    expect(refused).toEqual([]);
    expect(facts.config.ok && facts.acl.users.ok && facts.acl.dryRun.ok && facts.acl.log.ok && facts.keyspace.ok).toBe(true);
    expect(facts.meta.commandsBlocked).toEqual([]);
  });
});
