import type { KeyspaceAudit, ReplicaCandidate } from '../../facts/common';
import type { SelfHostedFacts } from '../../facts/self-hosted';
import type { EvaluationContext } from '../context';
import { defineControl } from '../define-control';
import { dryRunOf } from '../support/acl';
import { ptr } from '../support/facts';
import { keyspaceAudit, KEYSPACE_REF, cloudKeyspace } from '../support/keyspace';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';

/** The data-plane command allowlist (catalog §1.6), as `verb` or `verb|subcommand`, lower-case. */
const ALLOWED_COMMANDS = new Set([
  'auth', 'hello', 'ping', 'info', 'config|get', 'acl|list', 'acl|getuser', 'acl|log', 'acl|dryrun', 'client|list',
  'client|no-touch', 'command|info', 'time', 'role', 'readonly', 'select', 'dbsize', 'scan', 'ttl', 'pttl', 'type',
  'strlen', 'getrange', 'hscan', 'lrange', 'srandmember', 'zrange', 'xrange', 'slowlog|len', 'sentinel|master',
]);

function allowlistCheck(facts: SelfHostedFacts, auditCommands: Record<string, number>): Check {
  const sent = { ...facts.meta.commandsSent, ...auditCommands };
  const outside = Object.keys(sent).filter((name) => !ALLOWED_COMMANDS.has(name.toLowerCase().replace(/\s+/g, '|')));
  const refs = [ptr('keyspace', 'commandsSent'), ptr('meta', 'commandsSent')];
  return outside.length
    ? failed('allowlist', outside, `commands outside the allowlist were sent: ${outside.join(', ')}`, refs)
    : passed('allowlist', Object.keys(sent).sort(), refs);
}

/** Replica candidates the audit could not use through no fault of the audit, and how to say so. */
const UNUSABLE = new Map<ReplicaCandidate['outcome'], string>([
  ['unreachable', 'not reachable from the scanner'],
  ['not_in_sync', 'not in sync with its primary'],
  ['unverified', 'replication ID unreadable'],
]);

function targetCheck(facts: SelfHostedFacts, audit: KeyspaceAudit): Check {
  const { targetRole, targetNote: note, replicas: tried } = audit;
  const refs = [ptr('keyspace', 'targetRole'), ptr('keyspace', 'replicas'), ptr('role')];
  if (targetRole === 'replica') return passed('target', { targetRole, replicas: tried ?? [] }, refs);
  const replicas = facts.role.ok ? facts.role.value.replicas.length : null;
  if (replicas === null) return undecided('target', 'not_assessable', 'the audit read the primary and ROLE is unavailable', refs, { targetRole, note });
  if (replicas === 0) return passed('target', { targetRole, note: note ?? 'no replica exists' }, refs);
  // The catalog fails a primary read only when a usable replica existed: the audit tries each one,
  // and one it could not reach, or that was not in sync with this primary, could not be used.
  const unusable = tried?.filter((c) => UNUSABLE.has(c.outcome)) ?? [];
  if (tried && unusable.length > 0 && tried.every((c) => c.outcome !== 'used')) {
    const why = unusable.map((c) => `${c.endpoint} ${UNUSABLE.get(c.outcome)}`).join(', ');
    return undecided('target', 'not_assessable', `the audit read the primary: replica(s) could not be used (${why})`, refs, {
      targetRole,
      replicas: tried,
    });
  }
  return failed('target', { targetRole, replicas, tried: tried ?? null, note }, 'the audit read the primary although a replica exists', refs);
}

/** The scanner user must not be able to write (ACL DRYRUN SET denied on the command or read-only keys only). */
function scannerRightsCheck(facts: SelfHostedFacts, ctx: EvaluationContext): Check {
  const scanner = facts.meta.scannerUser ?? ctx.thresholds.scannerUser ?? null;
  const refs = [ptr('acl', 'dryRun'), ptr('acl', 'users')];
  if (!scanner || scanner === 'default') {
    return passed('scannerRights', 'single shared credential: the client allowlist is the only guard', refs);
  }
  if (!facts.acl.dryRun.ok || !facts.acl.users.ok) {
    return undecided('scannerRights', 'not_assessable', `cannot read the rights of scanner user ${scanner} (ACL DRYRUN / ACL GETUSER unavailable)`, refs);
  }
  const set = dryRunOf(facts.acl.dryRun.value, scanner, 'SET');
  const user = facts.acl.users.value.find((u) => u.name === scanner);
  if (!set || !user) return undecided('scannerRights', 'not_assessable', `no ACL DRYRUN SET result for scanner user ${scanner}`, refs);
  const readOnlyKeys = user.keyPatterns.every((p) => p.startsWith('%R~'));
  if (set.verdict === 'denied' && (set.deniedOn === 'command' || readOnlyKeys)) return passed('scannerRights', { user: scanner, set: 'denied' }, refs);
  if (set.verdict === 'unknown_command' || set.verdict === 'error') {
    return undecided('scannerRights', 'not_assessable', `ACL DRYRUN ${scanner} SET: ${set.detail}`, refs);
  }
  return failed('scannerRights', { user: scanner, set: set.verdict, keyPatterns: user.keyPatterns }, `scanner user ${scanner} can write`, refs);
}

export default defineControl('RED-DATA-007', {
  expected: () => 'only allowlisted commands sent; a replica read when one exists; coverage complete; the scanner user cannot write',
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const { audit } = gate;
    const coverage: Check =
      audit.coverage === 'complete'
        ? passed('coverage', { coverage: audit.coverage, keysScanned: audit.keysScanned, settings: audit.settings ?? null, opsSent: audit.opsSent ?? null }, [KEYSPACE_REF])
        : undecided('coverage', 'not_assessable', `audit coverage ${audit.coverage}${audit.coverageReason ? `: ${audit.coverageReason}` : ''}`, [KEYSPACE_REF], {
            coverage: audit.coverage,
            coveredFraction: audit.coveredFraction,
            settings: audit.settings ?? null,
            opsSent: audit.opsSent ?? null,
          });
    return combine([
      allowlistCheck(facts, audit.commandsSent),
      targetCheck(facts, audit),
      scannerRightsCheck(facts, ctx),
      coverage,
    ]);
  },
});
