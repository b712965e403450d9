import type { AclUser, UnauthenticatedPing } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { factCheck, missingCheck, ptr } from '../support/facts';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';

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
  expected: () => 'user default off or password-protected, and PING without credentials answered NOAUTH',
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
