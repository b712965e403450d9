// Reply parsers on recorded reply shapes that the sandbox cannot produce (Valkey, selectors).

import { describe, expect, it } from 'vitest';
import { serverIdentity } from '@/lib/probe/redis/collect-info';
import { parseCommandStats, parseInfo } from '@/lib/probe/redis/parse-info';
import { parseAclGetUser, parseCommandRules, redactAclLine } from '@/lib/probe/redis/parse-acl';
import { Fingerprinter } from '@/lib/probe/redis/fingerprint';
import { globToRegExp } from '@/lib/probe/redis/keyspace';

const fp = new Fingerprinter('parser-test-key-0123456789');

describe('INFO', () => {
  it('reads valkey_version, not the Redis compatibility version, on Valkey', () => {
    const info = parseInfo('# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\nredis_mode:standalone\r\nuptime_in_seconds:12\r\n');
    expect(serverIdentity(info)).toMatchObject({ engine: 'valkey', version: '8.0.1', major: 8, redisVersion: '7.2.4', uptimeSeconds: 12 });
  });

  it('reads redis_version on Redis and rejects a reply without a version', () => {
    expect(serverIdentity(parseInfo('# Server\nredis_version:6.2.14\n'))).toMatchObject({ engine: 'redis', major: 6, minor: 2, patch: 14 });
    expect(() => serverIdentity(parseInfo('# Server\nfoo:bar\n'))).toThrow(/version/);
    expect(() => parseInfo('garbage')).toThrow(/server section/);
  });

  it('parses commandstats', () => {
    const info = parseInfo('# Server\nredis_version:7.0.15\n# Commandstats\ncmdstat_acl|dryrun:calls=3,usec=9,usec_per_call=3.00,rejected_calls=1,failed_calls=0\n');
    expect(parseCommandStats(info.commandstats)).toEqual({ 'acl|dryrun': { calls: 3, usec: 9, rejectedCalls: 1, failedCalls: 0 } });
  });
});

describe('ACL', () => {
  it('parses a Redis 7 GETUSER reply with selectors and fingerprints the hashes', () => {
    const hash = 'a'.repeat(64);
    const reply = ['flags', ['on', 'sanitize-payload'], 'passwords', [hash], 'commands', '-@all +get +@read -keys', 'keys', '%R~app:* ~tmp:*', 'channels', '', 'selectors', [['commands', '+@all', 'keys', '~*', 'channels', '&*']]];
    const user = parseAclGetUser('app', reply, `user app on #${hash} ~tmp:* %R~app:* resetchannels -@all +get +@read -keys`, fp);
    expect(user).toMatchObject({
      name: 'app',
      enabled: true,
      nopass: false,
      keyPatterns: ['%R~app:*', '~tmp:*'],
      allKeys: false,
      allCommands: false,
      categories: { allowed: ['read'], denied: ['all'] },
      commandRules: { allowed: ['get'], denied: ['keys'] },
      selectors: [{ commands: '+@all', keys: ['~*'], channels: ['&*'] }],
    });
    expect(user.passwords).toEqual({ count: 1, fingerprints: [fp.ofPasswordHash(hash)] });
    expect(JSON.stringify(user)).not.toContain(hash);
  });

  it('treats +@all as all commands only until a later - rule', () => {
    expect(parseCommandRules('+@all').allCommands).toBe(true);
    expect(parseCommandRules('+@all -flushall').allCommands).toBe(false);
    expect(parseCommandRules('-@all +@all').allCommands).toBe(true);
  });

  it('redacts hashes in ACL LIST lines', () => {
    expect(redactAclLine(`user a on #${'b'.repeat(64)} ~* +@all`, fp)).toBe(`user a on #fp:${fp.ofPasswordHash('b'.repeat(64))} ~* +@all`);
  });
});

describe('key class globs', () => {
  it('follow Redis glob syntax', () => {
    expect(globToRegExp('session:*').test('session:abc')).toBe(true);
    expect(globToRegExp('*:phi:*').test('tenant:phi:1')).toBe(true);
    expect(globToRegExp('rl:?').test('rl:ab')).toBe(false);
    expect(globToRegExp('rq:[ab]*').test('rq:bz')).toBe(true);
    expect(globToRegExp('a.b*').test('axb')).toBe(false);
  });
});
