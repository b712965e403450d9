// Catalog §1.6: the only commands a probe may send. Checked in the client before anything leaves
// the process, so a bug elsewhere cannot turn the scanner into a writer.

import { SELF_CONFIG_PARAMS, SELF_SECRET_CONFIG_PARAMS } from '@/lib/facts/self-hosted';

const SIMPLE_VERBS = new Set([
  'auth', 'hello', 'ping', 'info', 'time', 'role', 'readonly', 'select', 'dbsize', 'scan', 'ttl',
  'pttl', 'type', 'strlen', 'getrange', 'hscan', 'lrange', 'srandmember', 'zrange', 'xrange',
]);

const SUBCOMMANDS: Record<string, Set<string>> = {
  config: new Set(['get']),
  acl: new Set(['list', 'getuser', 'log', 'dryrun']),
  client: new Set(['list', 'no-touch']),
  command: new Set(['info']),
  slowlog: new Set(['len']),
  sentinel: new Set(['master']),
};

const CONFIG_NAMES = new Set<string>([...SELF_CONFIG_PARAMS, ...SELF_SECRET_CONFIG_PARAMS]);

export class CommandNotAllowedError extends Error {
  constructor(readonly command: string) {
    super(`command not on the probe allowlist: ${command}`);
    this.name = 'CommandNotAllowedError';
  }
}

/**
 * The label a command is counted under (`config|get`, `ping`) if it is allowed; throws
 * CommandNotAllowedError otherwise. `args[0]` is the verb.
 */
export function allowlistedLabel(args: readonly (string | number)[]): string {
  const verb = String(args[0] ?? '').toLowerCase();
  if (SIMPLE_VERBS.has(verb)) return verb;
  const subs = SUBCOMMANDS[verb];
  // Labels name verbs (and sub-commands of container commands) only: arguments can be key names.
  if (!subs) throw new CommandNotAllowedError(verb);
  const sub = String(args[1] ?? '').toLowerCase();
  const label = `${verb}|${sub}`;
  if (!subs.has(sub)) throw new CommandNotAllowedError(/^[a-z-]+$/.test(sub) ? label : verb);
  const rest = args.slice(2).map(String);
  // Sub-command arguments that would turn a read into something else.
  const refused =
    (label === 'config|get' && !rest.every((name) => CONFIG_NAMES.has(name.toLowerCase()))) ||
    (label === 'acl|log' && rest.some((a) => !/^\d+$/.test(a))) ||
    (label === 'client|no-touch' && !(rest.length === 1 && rest[0].toLowerCase() === 'on'));
  if (refused) throw new CommandNotAllowedError(`${label} (arguments not allowed)`);
  return label;
}
