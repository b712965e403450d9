// A Redis ACL rule evaluator for ElastiCache user access strings (`on ~app:* -@all +@read`): ordered
// `+`/`-` command and category rules, `allcommands`/`nocommands`, `~`/`%R~`/`%W~`/`%RW~` key
// patterns and Redis 7 selectors `( … )` (catalog §3.6). ElastiCache never puts passwords in an
// access string. A token the evaluator does not know makes the string unparseable: the control
// is then not_assessable rather than guessing.

/** ACL categories of the commands the controls ask about (from `ACL CAT <category>` on Redis 7.0.15). */
export const COMMAND_CATEGORIES: Record<string, readonly string[]> = {
  get: ['read', 'string', 'fast'],
  set: ['write', 'string', 'slow'],
  del: ['keyspace', 'write', 'slow'],
  unlink: ['keyspace', 'write', 'fast'],
  hset: ['write', 'hash', 'fast'],
  lpush: ['write', 'list', 'fast'],
  sadd: ['write', 'set', 'fast'],
  zadd: ['write', 'sortedset', 'fast'],
  xadd: ['write', 'stream', 'fast'],
  expire: ['keyspace', 'write', 'fast'],
  rename: ['keyspace', 'write', 'slow'],
  restore: ['keyspace', 'write', 'slow', 'dangerous'],
  flushall: ['keyspace', 'write', 'slow', 'dangerous'],
  flushdb: ['keyspace', 'write', 'slow', 'dangerous'],
  keys: ['keyspace', 'read', 'slow', 'dangerous'],
  migrate: ['keyspace', 'write', 'slow', 'dangerous'],
  debug: ['admin', 'slow', 'dangerous'],
  shutdown: ['admin', 'slow', 'dangerous'],
  replicaof: ['admin', 'slow', 'dangerous'],
  'config|set': ['admin', 'slow', 'dangerous'],
  'acl|setuser': ['admin', 'slow', 'dangerous'],
  'module|load': ['admin', 'slow', 'dangerous'],
  info: ['slow', 'dangerous'],
};

/** Write commands that stand for "write-capable" (every write category is represented). */
export const REPRESENTATIVE_WRITES = ['set', 'del', 'unlink', 'hset', 'lpush', 'sadd', 'zadd', 'xadd', 'expire', 'rename', 'restore', 'flushdb'];

/** Key patterns that let a user write every key. */
const WRITE_ALL_KEYS = new Set(['~*', 'allkeys', '%RW~*', '%WR~*', '%W~*']);
const ANY_ALL_KEYS = new Set([...WRITE_ALL_KEYS, '%R~*']);

type CommandRule = { allow: boolean; category: string } | { allow: boolean; command: string } | { allow: boolean; all: true };

export interface Permissions {
  rules: CommandRule[];
  keys: string[];
}

export interface AccessString {
  enabled: boolean;
  root: Permissions;
  selectors: Permissions[];
}

export class AccessStringError extends Error {}

/** Splits on spaces, keeping each `( … )` selector as one token. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text.trim()) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth < 0) throw new AccessStringError('unbalanced ")"');
    if (/\s/.test(char) && depth === 0) {
      if (current) tokens.push(current);
      current = '';
    } else current += char;
  }
  if (depth !== 0) throw new AccessStringError('unbalanced "("');
  if (current) tokens.push(current);
  return tokens;
}

function applyPermission(token: string, into: Permissions): boolean {
  const lower = token.toLowerCase();
  if (lower === 'allcommands' || lower === '+@all') into.rules.push({ allow: true, all: true });
  else if (lower === 'nocommands' || lower === '-@all') into.rules.push({ allow: false, all: true });
  else if (/^[+-]@[a-z]+$/.test(lower)) into.rules.push({ allow: lower[0] === '+', category: lower.slice(2) });
  else if (/^[+-][a-z][a-z0-9_.-]*(\|[a-z][a-z0-9_.-]*)?$/.test(lower)) into.rules.push({ allow: lower[0] === '+', command: lower.slice(1) });
  else if (lower === 'allkeys' || /^(~|%r~|%w~|%rw~|%wr~)/.test(lower)) into.keys.push(lower === 'allkeys' ? 'allkeys' : token.replace(/^%[rw]+~/i, (p) => p.toUpperCase()));
  else if (lower === 'resetkeys') into.keys = [];
  else if (lower === 'allchannels' || lower === 'resetchannels' || token.startsWith('&')) return true; // channels do not matter here
  else return false;
  return true;
}

export function parseAccessString(text: string): AccessString {
  const parsed: AccessString = { enabled: false, root: { rules: [], keys: [] }, selectors: [] };
  for (const token of tokenize(text)) {
    const lower = token.toLowerCase();
    if (lower === 'on') parsed.enabled = true;
    else if (lower === 'off') parsed.enabled = false;
    else if (lower === 'nopass' || lower === 'resetpass') continue;
    else if (lower === 'clearselectors') parsed.selectors = [];
    else if (token.startsWith('(')) {
      const selector: Permissions = { rules: [], keys: [] };
      for (const inner of tokenize(token.slice(1, -1))) {
        if (!applyPermission(inner, selector)) throw new AccessStringError(`unknown rule "${inner}" in a selector`);
      }
      parsed.selectors.push(selector);
    } else if (!applyPermission(token, parsed.root)) throw new AccessStringError(`unknown rule "${token}"`);
  }
  return parsed;
}

/** Whether the ordered rules allow `command` (`config|set` is matched by `config` and by itself). */
export function allows(permissions: Permissions, command: string): boolean {
  const categories = COMMAND_CATEGORIES[command];
  if (!categories) throw new AccessStringError(`no category table entry for ${command}`);
  const parent = command.split('|')[0];
  let allowed = false;
  for (const rule of permissions.rules) {
    if ('all' in rule) allowed = rule.allow;
    else if ('category' in rule) {
      if (categories.includes(rule.category)) allowed = rule.allow;
    } else if (rule.command === command || rule.command === parent) allowed = rule.allow;
  }
  return allowed;
}

const allPermissions = (access: AccessString) => [access.root, ...access.selectors];

/** The root or a selector may run `command`. */
export function mayRun(access: AccessString, command: string): boolean {
  return allPermissions(access).some((p) => allows(p, command));
}

/** All keys and all commands (`on ~* +@all`), at the root or in a selector. */
export function isUnrestrictedAccess(access: AccessString): boolean {
  return allPermissions(access).some((p) => p.keys.some((k) => ANY_ALL_KEYS.has(k)) && allowsEverything(p));
}

/** `+@all` (or `allcommands`) with no deny rule after it. */
function allowsEverything(permissions: Permissions): boolean {
  let everything = false;
  for (const rule of permissions.rules) {
    if ('all' in rule) everything = rule.allow;
    else if (!rule.allow) everything = false;
  }
  return everything;
}

/** May run a write command with write access to every key. */
export function isUnscopedWriterAccess(access: AccessString): boolean {
  return allPermissions(access).some((p) => p.keys.some((k) => WRITE_ALL_KEYS.has(k)) && REPRESENTATIVE_WRITES.some((c) => allows(p, c)));
}
