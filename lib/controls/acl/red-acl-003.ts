import type { AclUser, DryRunCommand, SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { dryRunOf, effectivelyAllowed, isAdmin, isReplicationOnly } from '../support/acl';
import { missingCheck, ptr } from '../support/facts';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';

/** What 000 names, plus representatives of @admin / @dangerous (catalog RED-ACL-003). */
const MUST_BE_DENIED: DryRunCommand[] = [
  'FLUSHALL', 'FLUSHDB', 'DEBUG', 'SHUTDOWN', 'CONFIG SET', 'ACL SETUSER', 'MODULE LOAD', 'REPLICAOF', 'MIGRATE', 'KEYS',
];

/** The user a replica authenticates to its primary with (exempt: replication needs PSYNC/REPLCONF). */
function masteruserOf(facts: SelfHostedFacts): string | null {
  if (!facts.role.ok || facts.role.value.role !== 'slave' || !facts.config.ok) return null;
  return facts.config.value.values.masteruser?.trim() || null;
}

export default defineControl('RED-ACL-003', {
  expected: (t) =>
    `${MUST_BE_DENIED.join(', ')} denied to every enabled user except the admins (${t.adminUsers.join(', ') || 'none named'}) and replication users`,
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
