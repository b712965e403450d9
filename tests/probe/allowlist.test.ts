import { describe, expect, it } from 'vitest';
import { allowlistedLabel, CommandNotAllowedError } from '@/lib/probe/redis/allowlist';
import { ProbeClient } from '@/lib/probe/redis/client';
import { connectSandbox, startSandbox } from '@/lib/redis-sandbox';

describe('probe command allowlist (catalog §1.6)', () => {
  it.each([
    [['PING'], 'ping'],
    [['INFO', 'everything'], 'info'],
    [['CONFIG', 'GET', 'port', 'requirepass'], 'config|get'],
    [['ACL', 'LOG', 128], 'acl|log'],
    [['ACL', 'DRYRUN', 'app', 'FLUSHALL'], 'acl|dryrun'],
    [['client', 'list'], 'client|list'],
    [['SCAN', '0', 'COUNT', 1000], 'scan'],
  ])('allows %j as %s', (args, label) => {
    expect(allowlistedLabel(args)).toBe(label);
  });

  it.each([
    [['SET', 'k', 'v']],
    [['FLUSHALL']],
    [['KEYS', '*']],
    [['MONITOR']],
    [['DEBUG', 'SLEEP', '0']],
    [['SLOWLOG', 'GET']],
    [['CONFIG', 'SET', 'port', '1']],
    [['CONFIG', 'GET', '*']],
    [['CONFIG', 'GET', 'user-not-on-the-list']],
    [['ACL', 'LOG', 'RESET']],
    [['ACL', 'SETUSER', 'x']],
    [['CLIENT', 'KILL', 'ID', '1']],
    [['CLIENT', 'SETINFO', 'LIB-NAME', 'x']],
    [['CLIENT', 'NO-TOUCH', 'OFF']],
    [['GET', 'k']],
  ])('refuses %j before sending', (args) => {
    expect(() => allowlistedLabel(args)).toThrow(CommandNotAllowedError);
  });

  it('the client refuses a write before it reaches a real server, and records the attempt', async () => {
    const sandbox = await startSandbox('insecureDefaults');
    const admin = connectSandbox(sandbox);
    try {
      const client = await ProbeClient.connect({ host: '127.0.0.1', port: sandbox.port, tls: false }, 2000);
      await expect(client.call('SET', 'k', 'v')).rejects.toThrow(CommandNotAllowedError);
      await expect(client.call('FLUSHALL')).rejects.toThrow(CommandNotAllowedError);
      expect(await client.call('PING')).toBe('PONG');
      client.close();
      expect(client.blocked).toEqual(['set', 'flushall']);
      expect(client.sent).toEqual({ ping: 1 });
      const stats = String(await admin.info('commandstats'));
      expect(stats).toContain('cmdstat_ping');
      expect(stats).not.toMatch(/cmdstat_(set|flushall):/);
      expect(await admin.dbsize()).toBe(0);
    } finally {
      admin.disconnect();
      await sandbox.stop();
    }
  });
});
