import { expect } from 'vitest';
import type { ElastiCacheFacts, ElastiCacheServerlessFacts, ElastiCacheUser } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { byPlatform, cloudCases, collectFixturesBeforeAll } from './cloud-cases';
import { missing } from './fixtures';

collectFixturesBeforeAll();

type AwsFacts = ElastiCacheFacts | ElastiCacheServerlessFacts;
const ecSet = (edit: (s: NonNullable<Extract<ElastiCacheFacts['settings'], { ok: true }>['value']>) => void) => (f: ElastiCacheFacts) => {
  if (f.settings.ok) edit(f.settings.value);
};
const msSet = (edit: (i: NonNullable<Extract<MemorystoreFacts['instance'], { ok: true }>['value']>) => void) => (f: MemorystoreFacts) => {
  if (f.instance.ok) edit(f.instance.value);
};
/** The user `id` of the attached group gets a new access string / authentication type. */
const user = (id: string, edit: Partial<ElastiCacheUser>) => (f: AwsFacts) => {
  if (!f.userGroups.ok) return;
  const found = f.userGroups.value.groups[0].users.find((u) => u.UserId === id);
  if (!found) throw new Error(`no fixture user ${id}`);
  Object.assign(found, edit);
};
/** Adds the built-in `default` user (no password, `on ~* +@all`) to the attached group. */
const withBuiltinDefault = (f: AwsFacts) => {
  if (!f.userGroups.ok) return;
  const group = f.userGroups.value.groups[0];
  group.UserIds.push('default');
  group.users.push({ UserId: 'default', UserName: 'default', Status: 'active', Engine: 'redis', MinimumEngineVersion: '6.0', AccessString: 'on ~* +@all', AuthenticationType: 'no-password', PasswordCount: null, ARN: null });
};
const noUserGroup = (f: AwsFacts) => {
  if (!f.settings.ok) return;
  if (f.platform === 'ec') f.settings.value.UserGroupIds = [];
  else f.settings.value.UserGroupId = null;
};

cloudCases('RED-ENC-001', 'ec', [
  { name: 'AtRestEncryptionEnabled true: pass', status: 'pass' },
  { name: 'AtRestEncryptionEnabled false: fail', facts: ecSet((s) => (s.AtRestEncryptionEnabled = false)), status: 'fail' },
  { name: 'field absent: not_assessable', facts: ecSet((s) => (s.AtRestEncryptionEnabled = null)), status: 'not_assessable' },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-ENC-001', 'ecs', [
  { name: 'pass by platform', status: 'pass', check: byPlatform('ecs-at-rest-encryption') },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('timeout')), status: 'error' },
]);
cloudCases('RED-ENC-001', 'ms', [
  { name: 'pass by platform', status: 'pass', check: byPlatform('ms-default-encryption-at-rest') },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);

cloudCases('RED-ENC-002', 'ec', [
  { name: 'KmsKeyId set: pass', status: 'pass' },
  { name: 'no KmsKeyId (AWS-owned key): fail', facts: ecSet((s) => (s.KmsKeyId = null)), status: 'fail', reason: /AWS-owned/ },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-ENC-002', 'standalone', [{ name: 'standalone cluster cannot show a CMK: fail', status: 'fail', reason: /standalone/ }]);
cloudCases('RED-ENC-002', 'ecs', [
  { name: 'KmsKeyId set: pass', status: 'pass' },
  {
    name: 'no KmsKeyId: fail',
    facts: (f) => {
      if (f.settings.ok) f.settings.value.KmsKeyId = null;
    },
    status: 'fail',
  },
  { name: 'describe failed: error', facts: (f) => (f.settings = missing('refused')), status: 'error' },
]);
cloudCases('RED-ENC-002', 'ms', [
  { name: 'customerManagedKey set: pass', status: 'pass' },
  { name: 'Google default encryption: fail', facts: msSet((i) => (i.customerManagedKey = null)), status: 'fail', reason: /Google default/ },
  { name: 'listing denied: not_assessable', facts: (f) => (f.instance = missing('noperm')), status: 'not_assessable' },
]);

cloudCases('RED-AUTH-001', 'ec', [
  { name: 'RBAC user group attached: pass', status: 'pass' },
  { name: 'AUTH token instead of a user group: pass', facts: ecSet((s) => ((s.UserGroupIds = []), (s.AuthTokenEnabled = true))), status: 'pass' },
  { name: 'no token, no user group: fail', facts: ecSet((s) => (s.UserGroupIds = [])), status: 'fail', reason: /no AUTH token and no user group/ },
  { name: 'TLS disabled: fail (neither AUTH nor RBAC without TLS)', facts: ecSet((s) => ((s.TransitEncryptionEnabled = false), (s.UserGroupIds = []))), status: 'fail', reason: /TLS disabled/ },
  { name: 'describe throttled: error', facts: (f) => (f.settings = missing('refused')), status: 'error' },
]);
cloudCases('RED-AUTH-001', 'standalone', [{ name: 'standalone cluster without token: fail', status: 'fail' }]);
cloudCases('RED-AUTH-001', 'ecs', [
  { name: 'UserGroupId set: pass', status: 'pass' },
  { name: 'no user group: fail', facts: noUserGroup, status: 'fail' },
  { name: 'describe denied: not_assessable', facts: (f) => (f.settings = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-AUTH-001', 'ms', [
  { name: 'authEnabled: pass', status: 'pass' },
  { name: 'authEnabled absent (false in proto3): fail', facts: msSet((i) => (i.authEnabled = false)), status: 'fail', reason: /absent/ },
  { name: 'listing failed: error', facts: (f) => (f.instance = missing('timeout')), status: 'error' },
]);

cloudCases('RED-AUTH-002', 'ec', [
  { name: 'the default slot is a disabled replacement, every other user has a password: pass', status: 'pass' },
  {
    name: 'group contains the enabled passwordless built-in default user: fail',
    facts: withBuiltinDefault,
    status: 'fail',
    reason: /default in ug-hardened \(the built-in default user\)/,
    check: (r) => expect(r.evidenceRefs.some((ref) => ref.startsWith('facts#/userGroups/value/groups/0/users/'))).toBe(true),
  },
  { name: 'an enabled no-password user: fail', facts: user('reporting', { AuthenticationType: 'no-password' }), status: 'fail', reason: /reporting/ },
  { name: 'a disabled no-password user: pass', facts: user('reporting', { AuthenticationType: 'no-password', AccessString: 'off ~report:* +@read' }), status: 'pass' },
  { name: 'IAM authentication: pass', facts: user('app', { AuthenticationType: 'iam' }), status: 'pass' },
  { name: 'AUTH token, no users: not_applicable', facts: ecSet((s) => ((s.UserGroupIds = []), (s.AuthTokenEnabled = true))), status: 'not_applicable', reason: /AUTH token/ },
  { name: 'no auth at all: not_applicable, reported by AUTH-001', facts: ecSet((s) => (s.UserGroupIds = [])), status: 'not_applicable', dependsOn: 'RED-AUTH-001' },
  { name: 'DescribeUsers denied: not_assessable', facts: (f) => (f.userGroups = missing('noperm', 'DescribeUsers AccessDenied')), status: 'not_assessable' },
  { name: 'DescribeUserGroups throttled: error', facts: (f) => (f.userGroups = missing('refused', 'Throttling')), status: 'error' },
  {
    name: 'a listed user not returned by DescribeUsers: not_assessable',
    facts: (f) => {
      if (f.userGroups.ok) f.userGroups.value.groups[0].missingUserIds = ['ghost'];
    },
    status: 'not_assessable',
    reason: /ghost/,
  },
  {
    name: 'an attached group not returned: not_assessable',
    facts: (f) => {
      if (f.userGroups.ok) f.userGroups.value.missingUserGroupIds = ['ug-gone'];
    },
    status: 'not_assessable',
    reason: /ug-gone/,
  },
]);
cloudCases('RED-AUTH-002', 'ecs', [
  { name: 'no enabled passwordless user: pass', status: 'pass' },
  { name: 'built-in default user in the group: fail', facts: withBuiltinDefault, status: 'fail', reason: /built-in default/ },
  { name: 'users unreadable: not_assessable', facts: (f) => (f.userGroups = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-AUTH-002', 'ms', [{ name: 'single AUTH string: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-ACL-001', 'ec', [
  { name: '≥ 2 enabled users besides default: pass', status: 'pass', check: (r) => expect(r.observed).toMatchObject({ enabledNamedUsers: ['app', 'reporting', 'admin'] }) },
  { name: 'one shared AUTH token on engine ≥ 6: fail', facts: ecSet((s) => ((s.UserGroupIds = []), (s.AuthTokenEnabled = true))), status: 'fail', reason: /shared AUTH token/ },
  {
    name: 'only one enabled named user: fail',
    facts: (f) => {
      user('reporting', { AccessString: 'off ~report:* +@read' })(f);
      user('admin', { AccessString: 'off ~* +@all' })(f);
    },
    status: 'fail',
    reason: /1 enabled user/,
  },
  {
    name: 'engine below 6: not_applicable, reported by CFG-001',
    facts: (f) => {
      if (f.members.ok) f.members.value.clusters.forEach((c) => (c.EngineVersion = '5.0.6'));
    },
    status: 'not_applicable',
    dependsOn: 'RED-CFG-001',
  },
  { name: 'users unreadable: not_assessable', facts: (f) => (f.userGroups = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-ACL-001', 'ecs', [
  { name: 'distinct users: pass', status: 'pass' },
  { name: 'no user group: fail', facts: noUserGroup, status: 'fail' },
  { name: 'user groups throttled: error', facts: (f) => (f.userGroups = missing('refused')), status: 'error' },
]);
cloudCases('RED-ACL-001', 'ms', [{ name: 'no ACL users: not_applicable', status: 'not_applicable' }]);

cloudCases('RED-ACL-002', 'ec', [
  { name: 'app and reporting scoped, admin named in adminUsers: pass', status: 'pass' },
  { name: 'app user on ~* +@all: fail', facts: user('app', { AccessString: 'on ~* +@all' }), status: 'fail', reason: /app: unrestricted/ },
  { name: 'app user writing every key: fail', facts: user('app', { AccessString: 'on ~* -@all +@read +@write' }), status: 'fail', reason: /writes with every key/ },
  { name: 'a Redis 7 selector (~* +@all): fail', facts: user('reporting', { AccessString: 'on ~report:* -@all +@read (~* +@all)' }), status: 'fail', reason: /reporting: unrestricted/ },
  { name: 'read-only on every key (%R~*): pass', facts: user('reporting', { AccessString: 'on %R~* -@all +@read' }), status: 'pass' },
  { name: 'admin not named in adminUsers: fail', ctx: (c) => (c.thresholds = { ...c.thresholds, adminUsers: [] }), status: 'fail', reason: /admin: unrestricted/ },
  { name: 'the enabled built-in default user is unrestricted: fail', facts: withBuiltinDefault, status: 'fail', reason: /default: unrestricted/ },
  { name: 'an access string the evaluator cannot parse: not_assessable', facts: user('app', { AccessString: 'on ~app:* +@read ^weird' }), status: 'not_assessable', reason: /not understood/ },
  { name: 'AUTH token only: not_applicable, depends on ACL-001', facts: ecSet((s) => ((s.UserGroupIds = []), (s.AuthTokenEnabled = true))), status: 'not_applicable', dependsOn: 'RED-ACL-001' },
  { name: 'users denied: not_assessable', facts: (f) => (f.userGroups = missing('noperm')), status: 'not_assessable' },
]);
cloudCases('RED-ACL-002', 'ecs', [
  { name: 'scoped users: pass', status: 'pass' },
  { name: 'unrestricted app user: fail', facts: user('app', { AccessString: 'on allkeys allcommands' }), status: 'fail' },
  { name: 'users throttled: error', facts: (f) => (f.userGroups = missing('refused')), status: 'error' },
]);

cloudCases('RED-ACL-003', 'ec', [
  {
    name: 'FLUSHALL, FLUSHDB, KEYS, ACL SETUSER, MODULE LOAD denied to non-admins: pass',
    status: 'pass',
    check: (r) => expect(r.observed).toMatchObject({ allowed: {}, refusedByElastiCache: ['DEBUG', 'SHUTDOWN', 'CONFIG SET', 'MIGRATE', 'REPLICAOF'] }),
  },
  { name: 'app user ~app:* +@all -@admin can still FLUSHALL: fail', facts: user('app', { AccessString: 'on ~app:* +@all -@admin' }), status: 'fail', reason: /app may run FLUSHALL, FLUSHDB, KEYS/ },
  { name: '+@write includes FLUSHDB: fail', facts: user('app', { AccessString: 'on ~app:* -@all +@read +@write' }), status: 'fail', reason: /FLUSHDB/ },
  { name: '+@write -flushall -flushdb -@dangerous: pass', facts: user('app', { AccessString: 'on ~app:* -@all +@read +@write -@dangerous -flushall -flushdb' }), status: 'pass' },
  { name: 'unparseable access string: not_assessable', facts: user('reporting', { AccessString: 'on (~x +get' }), status: 'not_assessable' },
  { name: 'no user group: not_applicable', facts: ecSet((s) => (s.UserGroupIds = [])), status: 'not_applicable', dependsOn: 'RED-ACL-001' },
]);
cloudCases('RED-ACL-003', 'ecs', [
  { name: 'denied: pass', status: 'pass' },
  { name: 'app may run FLUSHALL: fail', facts: user('app', { AccessString: 'on ~app:* +flushall' }), status: 'fail', reason: /FLUSHALL/ },
  { name: 'users denied: not_assessable', facts: (f) => (f.userGroups = missing('noperm')), status: 'not_assessable' },
]);
