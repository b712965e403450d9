import type { AclUser, DryRunCommand, SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { dryRunOf, effectivelyAllowed, isAdmin, isReplicationOnly } from '../support/acl';
import { missingCheck, ptr } from '../support/facts';
import { combine, failed, passed, single, undecided, type Check } from '../support/verdict';
import { mayRun } from '../support/access-string';
import type { AwsFacts } from '../support/cloud';
import { isEnabled, isPrivileged, rbacState, USER_GROUPS_REF, withoutRbacUsers } from '../support/rbac';
import type { Thresholds } from '../thresholds';

/** What 000 names, plus representatives of @admin / @dangerous (catalog RED-ACL-003). */
const MUST_BE_DENIED: DryRunCommand[] = [
  'FLUSHALL', 'FLUSHDB', 'DEBUG', 'SHUTDOWN', 'CONFIG SET', 'ACL SETUSER', 'MODULE LOAD', 'REPLICAOF', 'MIGRATE', 'KEYS',
];

/** The user a replica authenticates to its primary with (exempt: replication needs PSYNC/REPLCONF). */
function masteruserOf(facts: SelfHostedFacts): string | null {
  if (!facts.role.ok || facts.role.value.role !== 'slave' || !facts.config.ok) return null;
  return facts.config.value.values.masteruser?.trim() || null;
}

/** ElastiCache refuses these for every user, whatever the access string says (catalog RED-ACL-003). */
const REFUSED_BY_ELASTICACHE = ['debug', 'shutdown', 'config|set', 'migrate', 'replicaof'];
/** The rest of MUST_BE_DENIED, which the access string must deny. */
const DENIED_BY_ACL = ['flushall', 'flushdb', 'acl|setuser', 'module|load', 'keys'];
const label = (command: string) => command.replace('|', ' ').toUpperCase();

function rbacDenials(facts: AwsFacts, ctx: { thresholds: Thresholds }) {
  const state = rbacState(facts);
  if (state.kind === 'missing') return state.verdict;
  if (state.kind === 'no-user-group') return withoutRbacUsers(facts);
  const subjects = state.users.filter((u) => (isEnabled(u) || u.problem) && !isPrivileged(u, ctx.thresholds));
  const allowed: Record<string, string[]> = {};
  for (const u of subjects) {
    if (!u.access) continue;
    const access = u.access;
    const may = DENIED_BY_ACL.filter((c) => mayRun(access, c)).map(label);
    if (may.length) allowed[u.user.UserId] = may;
  }
  const observed = {
    users: subjects.map((u) => u.user.UserId),
    allowed,
    refusedByElastiCache: REFUSED_BY_ELASTICACHE.map(label),
    mayRunInfo: subjects.filter((u) => u.access && mayRun(u.access, 'info')).map((u) => u.user.UserId),
  };
  if (Object.keys(allowed).length) {
    const reason = Object.entries(allowed).map(([user, cmds]) => `${user} may run ${cmds.join(', ')}`).join('; ');
    return single(failed('denials', observed, reason, [USER_GROUPS_REF]));
  }
  const unparsed = subjects.filter((u) => u.problem !== null);
  if (unparsed.length) return single(undecided('denials', 'not_assessable', unparsed.map((u) => u.problem).join('; '), [USER_GROUPS_REF], observed));
  return single(passed('denials', observed, [USER_GROUPS_REF]));
}

const RBAC_RULE = (t: Thresholds) =>
  `${DENIED_BY_ACL.map(label).join(', ')} denied by the access string of every enabled user except the admins (${t.adminUsers.join(', ') || 'none named'}); ${REFUSED_BY_ELASTICACHE.map(label).join(', ')} are refused by ElastiCache itself`;

export default defineControl('RED-ACL-003', {
  expected: {
    self: (t) =>
      `${MUST_BE_DENIED.join(', ')} denied to every enabled user except the admins (${t.adminUsers.join(', ') || 'none named'}) and replication users`,
    ec: RBAC_RULE,
    ecs: RBAC_RULE,
  },
  ec: rbacDenials,
  ecs: rbacDenials,
  self(facts, ctx) {
    const usersRef = ptr('acl', 'users');
    const dryRunRef = ptr('acl', 'dryRun');
    if (!facts.acl.users.ok) return combine([missingCheck('users', facts.acl.users, usersRef)]);
    const masteruser = masteruserOf(facts);
    const subjects = facts.acl.users.value.filter(
      (u) => u.enabled && !isAdmin(u.name, ctx.thresholds) && !isReplicationOnly(u) && u.name !== masteruser,
    );
    if (subjects.length === 0) return combine([passed('nonAdminUsers', [], [usersRef])]);
    if (!facts.acl.dryRun.ok) return withoutDryRun(subjects, missingCheck('dryRun', facts.acl.dryRun, dryRunRef), usersRef);

    const entries = facts.acl.dryRun.value;
    const allowed: Record<string, DryRunCommand[]> = {};
    const undetermined: string[] = [];
    for (const user of subjects) {
      for (const command of MUST_BE_DENIED) {
        const entry = dryRunOf(entries, user.name, command);
        // A command missing under its own name (renamed/disabled) cannot be run: counts as denied.
        if (!entry || entry.verdict === 'error') undetermined.push(`${user.name}:${command}`);
        else if (effectivelyAllowed(entry)) (allowed[user.name] ??= []).push(command);
      }
    }
    const mayRunInfo = subjects.filter((u) => {
      const info = dryRunOf(entries, u.name, 'INFO');
      return info !== undefined && effectivelyAllowed(info);
    });
    const observed = { users: subjects.map((u) => u.name), allowed, mayRunInfo: mayRunInfo.map((u) => u.name) };
    const checks: Check[] = [];
    if (Object.keys(allowed).length) {
      const reason = Object.entries(allowed).map(([user, cmds]) => `${user} may run ${cmds.join(', ')}`).join('; ');
      checks.push(failed('denials', observed, reason, [dryRunRef]));
    } else if (undetermined.length) {
      checks.push(undecided('denials', 'not_assessable', `ACL DRYRUN gave no verdict for ${undetermined.join(', ')}`, [dryRunRef], observed));
    } else {
      checks.push(passed('denials', observed, [dryRunRef]));
    }
    return combine(checks);
  },
});

/**
 * Without ACL DRYRUN (Redis 6.x, or refused) only a user granted every command is certain to run
 * them all; anything narrower stays undetermined.
 */
function withoutDryRun(subjects: AclUser[], dryRunMissing: Check, usersRef: string) {
  const everything = subjects.filter((u) => u.allCommands).map((u) => u.name);
  if (everything.length) {
    return combine([failed('denials', { allCommands: everything }, `${everything.join(', ')} may run every command (+@all)`, [usersRef])]);
  }
  return combine([dryRunMissing]);
}
