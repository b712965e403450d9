import type { AclUser, UnauthenticatedPing } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { factCheck, missingCheck, ptr } from '../support/facts';
import { combine, failed, passed, single, undecided, type Check } from '../support/verdict';
import { absentField, ecSettings, ecsSettings, instanceRef, msInstance, settingRef } from '../support/cloud';

function defaultUserCheck(users: AclUser[], ref: string): Check {
  const user = users.find((u) => u.name === 'default');
  if (!user) return passed('defaultUser', 'absent', [ref]);
  const state = { enabled: user.enabled, nopass: user.nopass, passwords: user.passwords.count };
  if (!user.enabled) return passed('defaultUser', state, [ref]);
  // A user that is on without `nopass` and without passwords cannot log in at all.
  return user.nopass
    ? failed('defaultUser', state, 'user default is on with nopass: every connection is logged in', [ref])
    : passed('defaultUser', state, [ref]);
}

function pingCheck(ping: UnauthenticatedPing, ref: string): Check {
  const observed = { reply: ping.reply, detail: ping.detail };
  if (ping.reply === 'NOAUTH') return passed('unauthenticatedPing', observed, [ref]);
  if (ping.reply === 'NO_REPLY') {
    return undecided('unauthenticatedPing', 'not_assessable', 'PING without credentials got no RESP reply', [ref], observed);
  }
  // Any other reply (PONG, or an error such as protected mode's DENIED) means no password is asked for.
  return failed('unauthenticatedPing', observed, `PING without credentials answered ${ping.reply}`, [ref]);
}

export default defineControl('RED-AUTH-001', {
  expected: {
    self: () => 'user default off or password-protected, and PING without credentials answered NOAUTH',
    ec: () => 'AuthTokenEnabled = true or an RBAC user group attached (both need TransitEncryptionEnabled)',
    ecs: () => 'an RBAC user group attached (UserGroupId)',
    ms: () => 'authEnabled = true',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const s = settings.value;
    const refs = [settingRef('AuthTokenEnabled'), settingRef('UserGroupIds'), settingRef('TransitEncryptionEnabled')];
    const observed = { AuthTokenEnabled: s.AuthTokenEnabled, UserGroupIds: s.UserGroupIds, TransitEncryptionEnabled: s.TransitEncryptionEnabled };
    if (s.TransitEncryptionEnabled === false) {
      return single(failed('authentication', observed, 'TLS disabled: ElastiCache allows neither an AUTH token nor RBAC without in-transit encryption', refs));
    }
    if (s.AuthTokenEnabled === true || s.UserGroupIds.length > 0) return single(passed('authentication', observed, refs));
    if (s.AuthTokenEnabled === null) return single(absentField('authentication', 'AuthTokenEnabled', refs[0]));
    return single(failed('authentication', observed, 'no AUTH token and no user group: any client that reaches the endpoint is let in', refs));
  },
  ecs(facts) {
    const settings = ecsSettings(facts);
    if (!settings.ok) return settings.verdict;
    const ref = settingRef('UserGroupId');
    const group = settings.value.UserGroupId;
    return single(group ? passed('userGroup', group, [ref]) : failed('userGroup', null, 'no user group attached: the serverless cache is taken to accept any client', [ref]));
  },
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const ref = instanceRef('authEnabled');
    // proto3 omits false: the facts already read an absent authEnabled as false.
    return single(instance.value.authEnabled ? passed('authEnabled', true, [ref]) : failed('authEnabled', false, 'authEnabled is false (absent): no AUTH string is required', [ref]));
  },
  self(facts) {
    const usersRef = ptr('acl', 'users');
    const pingRef = ptr('connection', 'unauthenticatedPing');
    const defaultUser = factCheck('defaultUser', facts.acl.users, usersRef, defaultUserCheck);
    const ping = facts.connection.unauthenticatedPing.ok
      ? pingCheck(facts.connection.unauthenticatedPing.value, pingRef)
      : missingCheck('unauthenticatedPing', facts.connection.unauthenticatedPing, pingRef);
    const decided = [defaultUser, ping].filter((c) => c.outcome === 'pass' || c.outcome === 'fail');
    // Either source alone decides (catalog: not assessable only when both are unavailable).
    return combine(decided.length ? decided : [defaultUser, ping]);
  },
});
