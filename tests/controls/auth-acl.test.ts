import { expect } from 'vitest';
import type { AclUser, SelfHostedFacts } from '@/lib/facts/self-hosted';
import { controlCases } from './cases';
import { configOf, dryRunFor, missing, ok, USERS } from './fixtures';

const users = (f: SelfHostedFacts): AclUser[] => {
  if (!f.acl.users.ok) throw new Error('users missing');
  return f.acl.users.value;
};
const userNamed = (f: SelfHostedFacts, name: string) => users(f).find((u) => u.name === name)!;

controlCases('RED-AUTH-001', [
  { name: 'default off and NOAUTH: pass', status: 'pass' },
  {
    name: 'default on nopass: fail',
    facts: (f) => Object.assign(userNamed(f, 'default'), { enabled: true, flags: ['on', 'nopass'] }),
    status: 'fail',
    reason: /default is on with nopass/,
  },
  {
    name: 'unauthenticated PING answered PONG: fail even when ACL LIST is denied',
    facts: (f) => {
      f.connection.unauthenticatedPing = ok({ reply: 'PONG', detail: '+PONG', transport: 'tls' });
      f.acl.users = missing('noperm');
    },
    status: 'fail',
    reason: /PONG/,
  },
  {
    name: 'protected-mode DENIED reply means no password is set: fail',
    facts: (f) => (f.connection.unauthenticatedPing = ok({ reply: 'ERR', detail: '-DENIED Redis is running in protected mode', transport: 'plain' })),
    status: 'fail',
  },
  { name: 'default with password, ACL readable, probe not possible: pass', facts: (f) => (f.connection.unauthenticatedPing = missing('not_collected')), status: 'pass' },
  {
    name: 'ACL LIST NOPERM and no unauthenticated probe: not_assessable',
    facts: (f) => {
      f.acl.users = missing('noperm', 'NOPERM acl|list');
      f.connection.unauthenticatedPing = missing('not_collected', 'no network path');
    },
    status: 'not_assessable',
    reason: /NOPERM/,
  },
]);

controlCases('RED-AUTH-002', [
  { name: 'no enabled nopass user: pass', status: 'pass' },
  {
    name: 'metrics user on nopass: fail',
    facts: (f) => users(f).push({ ...USERS.scanner(), name: 'metrics', nopass: true, flags: ['on', 'nopass'] }),
    status: 'fail',
    reason: /metrics/,
  },
  { name: 'disabled nopass default is fine', facts: (f) => (userNamed(f, 'default').nopass = true), status: 'pass' },
  { name: 'ACL LIST NOPERM: not_assessable', facts: (f) => (f.acl.users = missing('noperm')), status: 'not_assessable' },
  { name: 'ACL renamed: not_assessable', facts: (f) => (f.acl.users = missing('unknown_command')), status: 'not_assessable' },
  { name: 'connection reset: error', facts: (f) => (f.acl.users = missing('refused')), status: 'error' },
]);

controlCases('RED-ACL-001', [
  { name: 'named users, no client on default, own replication user: pass', status: 'pass' },
  {
    name: 'only default plus one user: fail',
    facts: (f) => (f.acl.users = ok([USERS.default(), USERS.app()])),
    status: 'fail',
    reason: /1 enabled named user/,
  },
  {
    name: 'application clients on default: fail',
    facts: (f) => f.clients.ok && f.clients.value.push({ addr: '10.0.2.16:5000', user: 'default', flags: 'N', self: false }),
    status: 'fail',
    reason: /1 client\(s\) connected as default/,
  },
  {
    name: 'replica link uses the application user: fail',
    facts: (f) => f.clients.ok && (f.clients.value[1].user = 'app'),
    status: 'fail',
    reason: /replication authenticates as app/,
  },
  {
    name: 'replica authenticating as default (masteruser empty): fail',
    facts: (f) => f.role.ok && Object.assign(f.role.value, { role: 'slave', replicas: [], master: { host: '10.0.1.5', port: 6380, linkState: 'up' } }),
    status: 'fail',
    reason: /as default/,
  },
  {
    name: 'replica with its own masteruser: pass',
    facts: (f) => {
      if (f.role.ok) Object.assign(f.role.value, { role: 'slave', replicas: [], master: { host: '10.0.1.5', port: 6380, linkState: 'up' } });
      configOf(f).masteruser = 'repl';
    },
    status: 'pass',
  },
  { name: 'CLIENT LIST NOPERM: not_assessable', facts: (f) => (f.clients = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-ACL-002', [
  { name: 'app scoped to ~app:*, admin named: pass', status: 'pass' },
  {
    name: 'app user on ~* +@all: fail',
    facts: (f) => Object.assign(userNamed(f, 'app'), { keyPatterns: ['~*'], allKeys: true, allCommands: true, commands: '+@all' }),
    status: 'fail',
    reason: /app: unrestricted/,
  },
  {
    name: 'app user on ~* +@read +@write: unscoped writer',
    facts: (f) => Object.assign(userNamed(f, 'app'), { keyPatterns: ['~*'], allKeys: true }),
    status: 'fail',
    reason: /app: writes with every key/,
  },
  {
    name: 'writer detected by ACL DRYRUN SET when categories do not show it',
    facts: (f) => {
      Object.assign(userNamed(f, 'app'), { keyPatterns: ['~*'], allKeys: true, categories: { allowed: [], denied: ['all'] } });
      if (f.acl.dryRun.ok) f.acl.dryRun.value = f.acl.dryRun.value.filter((e) => e.user !== 'app').concat(dryRunFor('app', ['SET']));
    },
    status: 'fail',
  },
  {
    name: 'Redis 7 selector (~* +@all) on an app user: fail',
    facts: (f) => (userNamed(f, 'app').selectors = [{ commands: '+@all', keys: ['~*'], channels: [] }]),
    status: 'fail',
    reason: /unrestricted/,
  },
  {
    name: 'an admin missing from adminUsers is flagged',
    ctx: (c) => (c.thresholds = { ...c.thresholds, adminUsers: [] }),
    status: 'fail',
    reason: /admin: unrestricted/,
  },
  { name: 'read-only user with ~* is fine', facts: (f) => Object.assign(userNamed(f, 'app'), { keyPatterns: ['~*'], allKeys: true, categories: { allowed: ['read'], denied: ['all'] } }), status: 'pass' },
  { name: 'ACL GETUSER NOPERM: not_assessable', facts: (f) => (f.acl.users = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-ACL-003', [
  {
    name: 'every non-admin denied; INFO users listed as advisory: pass',
    status: 'pass',
    check: (r) => expect(r.observed).toMatchObject({ denials: { mayRunInfo: ['scanner'] } }),
  },
  {
    name: 'app may FLUSHALL: fail',
    facts: (f) => {
      if (f.acl.dryRun.ok) f.acl.dryRun.value = f.acl.dryRun.value.filter((e) => e.user !== 'app').concat(dryRunFor('app', ['FLUSHALL', 'FLUSHDB']));
    },
    status: 'fail',
    reason: /app may run FLUSHALL, FLUSHDB/,
  },
  {
    name: 'denied only on the dummy key still counts as allowed',
    facts: (f) => {
      if (f.acl.dryRun.ok) f.acl.dryRun.value = f.acl.dryRun.value.filter((e) => e.user !== 'app').concat(dryRunFor('app', [], ['MIGRATE']));
    },
    status: 'fail',
    reason: /MIGRATE/,
  },
  {
    name: 'renamed FLUSHALL (unknown under its name) counts as denied',
    facts: (f) => {
      if (f.acl.dryRun.ok) for (const e of f.acl.dryRun.value) if (e.command === 'FLUSHALL' && e.user !== 'admin') Object.assign(e, { verdict: 'unknown_command', deniedOn: null });
    },
    status: 'pass',
  },
  { name: 'the replication user is exempt', facts: (f) => f.acl.dryRun.ok && (f.acl.dryRun.value = f.acl.dryRun.value.filter((e) => e.user !== 'repl').concat(dryRunFor('repl', ['SHUTDOWN']))), status: 'pass' },
  {
    name: 'no DRYRUN (Redis 6) and a +@all non-admin: fail',
    facts: (f) => {
      f.acl.dryRun = missing('unknown_command', 'ERR unknown subcommand DRYRUN');
      Object.assign(userNamed(f, 'app'), { allCommands: true });
    },
    status: 'fail',
    reason: /\+@all/,
  },
  {
    name: 'no DRYRUN and narrower rules: not_assessable',
    facts: (f) => (f.acl.dryRun = missing('unknown_command', 'ERR unknown subcommand DRYRUN')),
    status: 'not_assessable',
    reason: /DRYRUN/,
  },
  {
    name: 'a DRYRUN error reply: not_assessable',
    facts: (f) => {
      if (f.acl.dryRun.ok) for (const e of f.acl.dryRun.value) if (e.user === 'app' && e.command === 'DEBUG') Object.assign(e, { verdict: 'error', deniedOn: null });
    },
    status: 'not_assessable',
    reason: /app:DEBUG/,
  },
  { name: 'ACL GETUSER timeout: error', facts: (f) => (f.acl.users = missing('timeout')), status: 'error' },
]);
