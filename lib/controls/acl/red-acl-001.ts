import { defineControl } from '../define-control';
import { configCheck, need, ptr } from '../support/facts';
import { combine, failed, notApplicable, passed, single, undecided, type Check } from '../support/verdict';
import type { ElastiCacheFacts } from '../../facts/aws';
import { ecMemberEngines, settingRef, type AwsFacts } from '../support/cloud';
import { isEnabled, rbacState, USER_GROUPS_REF } from '../support/rbac';

const RBAC_MIN_MAJOR = 6;

/** RBAC needs Redis OSS ≥ 6 (Valkey is always ≥ 7). */
function rbacUnavailable(facts: ElastiCacheFacts) {
  const engines = ecMemberEngines(facts);
  if (!engines.ok) return engines.verdict;
  const old = engines.value.filter((e) => e.engine === 'redis' && e.major !== null && e.major < RBAC_MIN_MAJOR);
  if (old.length === 0) return null;
  const which = old.map((e) => `${e.member} ${e.version}`).join(', ');
  return notApplicable(`engine below ${RBAC_MIN_MAJOR} (${which}): RBAC users are unavailable (reported by RED-CFG-001)`, [ptr('members')], 'RED-CFG-001');
}

function rbacDistinctUsers(facts: AwsFacts) {
  const state = rbacState(facts);
  if (state.kind === 'missing') return state.verdict;
  if (state.kind === 'no-user-group') {
    const token = facts.platform === 'ec' && facts.settings.ok && facts.settings.value.AuthTokenEnabled === true;
    const field = facts.platform === 'ec' ? 'UserGroupIds' : 'UserGroupId';
    const reason = token ? 'one shared AUTH token: every client uses the same credential, no user per role' : 'no user group: no users at all';
    return single(failed('namedUsers', { userGroups: [], authToken: token }, reason, [settingRef(field)]));
  }
  const named = [...new Set(state.users.filter((u) => isEnabled(u) && u.user.UserName !== 'default').map((u) => u.user.UserId))];
  const unparsed = state.users.filter((u) => u.problem !== null);
  const observed = { userGroups: state.groups.map((g) => g.UserGroupId), enabledNamedUsers: named };
  if (named.length >= 2) return single(passed('namedUsers', observed, [USER_GROUPS_REF]));
  if (unparsed.length) return single(undecided('namedUsers', 'not_assessable', unparsed.map((u) => u.problem).join('; '), [USER_GROUPS_REF], observed));
  return single(failed('namedUsers', observed, `${named.length} enabled user(s) other than default in the attached groups (need ≥ 2)`, [USER_GROUPS_REF]));
}

export default defineControl('RED-ACL-001', {
  expected: {
    self: () =>
      '≥ 2 enabled named users besides default; no client connected as default; replication authenticates with its own user (not default, not an application user)',
    ec: () => `an RBAC user group with ≥ 2 enabled users other than default (engine ≥ ${RBAC_MIN_MAJOR})`,
    ecs: () => 'an RBAC user group with ≥ 2 enabled users other than default',
  },
  ec: (facts) => rbacUnavailable(facts) ?? rbacDistinctUsers(facts),
  ecs: rbacDistinctUsers,
  self(facts) {
    const usersRef = ptr('acl', 'users');
    const clientsRef = ptr('clients');
    const users = need(facts.acl.users, usersRef);
    if (!users.ok) return users.verdict;
    const clients = need(facts.clients, clientsRef);
    if (!clients.ok) return clients.verdict;

    const named = users.value.filter((u) => u.enabled && u.name !== 'default').map((u) => u.name);
    const others = clients.value.filter((c) => !c.self);
    const replicaLinks = others.filter((c) => c.flags.includes('S'));
    const appClients = others.filter((c) => !c.flags.includes('S') && !c.flags.includes('M'));
    const appUsers = new Set(appClients.map((c) => c.user));
    const onDefault = appClients.filter((c) => c.user === 'default').length;

    const checks: Check[] = [
      named.length >= 2
        ? passed('namedUsers', named, [usersRef])
        : failed('namedUsers', named, `${named.length} enabled named user(s) besides default (need ≥ 2)`, [usersRef]),
      onDefault === 0
        ? passed('clientsOnDefault', 0, [clientsRef])
        : failed('clientsOnDefault', onDefault, `${onDefault} client(s) connected as default`, [clientsRef]),
    ];
    // Replica links seen from the primary: their user must be neither default nor an application's.
    const badLinks = replicaLinks.filter((c) => c.user === 'default' || appUsers.has(c.user)).map((c) => c.user);
    if (replicaLinks.length) {
      checks.push(
        badLinks.length
          ? failed('replicationUser', badLinks, `replication authenticates as ${[...new Set(badLinks)].join(', ')}`, [clientsRef])
          : passed('replicationUser', [...new Set(replicaLinks.map((c) => c.user))], [clientsRef]),
      );
    }
    // On a replica: how it authenticates to its primary.
    if (facts.role.ok && facts.role.value.role === 'slave') {
      checks.push(
        configCheck('masteruser', facts.config, 'masteruser', (value, ref) => {
          const user = value.trim() || 'default';
          return user === 'default' || appUsers.has(user)
            ? failed('masteruser', user, `replica authenticates to its primary as ${user}`, [ref])
            : passed('masteruser', user, [ref]);
        }),
      );
    }
    return combine(checks);
  },
});
