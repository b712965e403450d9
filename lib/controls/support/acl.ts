// Reading ACL users and ACL DRYRUN results (RED-ACL-*, RED-DATA-007).

import type { AclDryRunEntry, AclSelector, AclUser, DryRunCommand, SelfHostedFacts } from '../../facts/self-hosted';
import type { Thresholds } from '../thresholds';

/** Commands a replication link needs (they sit in @admin/@dangerous, so such users are exempt). */
const REPLICATION_COMMANDS = new Set(['psync', 'replconf', 'ping', 'sync']);

/** Representative write commands for the rule evaluator when ACL DRYRUN cannot say. */
const WRITE_COMMANDS = new Set([
  'set', 'setex', 'psetex', 'setnx', 'mset', 'msetnx', 'append', 'incr', 'incrby', 'incrbyfloat', 'decr', 'decrby',
  'getset', 'getdel', 'getex', 'del', 'unlink', 'expire', 'pexpire', 'expireat', 'persist', 'rename', 'renamenx',
  'hset', 'hmset', 'hsetnx', 'hdel', 'hincrby', 'lpush', 'rpush', 'lpop', 'rpop', 'lset', 'lrem', 'ltrim', 'sadd',
  'srem', 'spop', 'zadd', 'zrem', 'zincrby', 'xadd', 'xdel', 'xtrim', 'copy', 'move', 'restore', 'flushall', 'flushdb',
]);

const ALL_KEYS = new Set(['~*', 'allkeys', '%RW~*', '%WR~*', '%W~*']);

export function isAdmin(user: string, thresholds: Thresholds): boolean {
  return thresholds.adminUsers.includes(user);
}

export function isScanner(user: string, facts: SelfHostedFacts, thresholds: Thresholds): boolean {
  return user === thresholds.scannerUser || user === facts.meta.scannerUser;
}

/** A user whose only commands are the replication ones (PSYNC, REPLCONF, PING, SYNC). */
export function isReplicationOnly(user: AclUser): boolean {
  const allowed = user.commandRules.allowed.map((c) => c.toLowerCase());
  return !user.allCommands && user.categories.allowed.length === 0 && allowed.length > 0 && allowed.every((c) => REPLICATION_COMMANDS.has(c));
}

function selectorAllKeys(selector: AclSelector): boolean {
  return selector.keys.some((k) => ALL_KEYS.has(k));
}

function selectorGrants(selector: AclSelector, pattern: RegExp): boolean {
  return selector.commands.split(/\s+/).some((rule) => pattern.test(rule));
}

/** All keys and all commands, at the root or in a Redis 7 selector. */
export function isUnrestricted(user: AclUser): boolean {
  if (user.allCommands && user.allKeys) return true;
  return user.selectors.some((s) => selectorAllKeys(s) && selectorGrants(s, /^(\+@all|allcommands)$/i));
}

/** The DRYRUN result of a user for one command (undefined when not probed). */
export function dryRunOf(entries: AclDryRunEntry[], user: string, command: DryRunCommand): AclDryRunEntry | undefined {
  return entries.find((e) => e.user === user && e.command === command);
}

/** Allowed, or refused only on the probe's dummy key/channel (the user may still run it on its own keys). */
export function effectivelyAllowed(entry: AclDryRunEntry): boolean {
  return entry.verdict === 'allowed' || (entry.verdict === 'denied' && (entry.deniedOn === 'key' || entry.deniedOn === 'channel'));
}

/** Write-capable with every key: DRYRUN SET, or the rule evaluator on categories and commands. */
export function isUnscopedWriter(user: AclUser, dryRun: AclDryRunEntry[] | null): boolean {
  const selectorWriter = user.selectors.some((s) => selectorAllKeys(s) && selectorGrants(s, /^(\+@all|allcommands|\+@write)$/i));
  if (selectorWriter) return true;
  if (!user.allKeys) return false;
  const set = dryRun ? dryRunOf(dryRun, user.name, 'SET') : undefined;
  if (set && set.verdict === 'allowed') return true;
  const categories = user.categories.allowed.map((c) => c.toLowerCase());
  const writeCategory = (categories.includes('write') || categories.includes('all')) && !user.categories.denied.includes('write');
  return user.allCommands || writeCategory || user.commandRules.allowed.some((c) => WRITE_COMMANDS.has(c.toLowerCase()));
}
