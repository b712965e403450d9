import { defineControl } from '../define-control';
import { configCheck, need, ptr } from '../support/facts';
import { combine, failed, passed, type Check } from '../support/verdict';

export default defineControl('RED-ACL-001', {
  expected: () =>
    '≥ 2 enabled named users besides default; no client connected as default; replication authenticates with its own user (not default, not an application user)',
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
