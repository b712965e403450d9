// ACL LIST / ACL GETUSER replies → AclUser, with every password hash replaced by a fingerprint
// before anything leaves this module.

import type { AclSelector, AclUser } from '@/lib/facts/self-hosted';
import type { Fingerprinter } from './fingerprint';
import { UnparseableReplyError } from './outcome';

/** `user <name> <rules…>` → name (ACL LIST line). */
export function userNameOfAclLine(line: string): string {
  const match = /^user (\S+)/.exec(line);
  if (!match) throw new UnparseableReplyError('ACL LIST line');
  return match[1];
}

/** Replaces `#<sha256-hex>` (and `>plaintext`, never printed by Redis but harmless to cover). */
export function redactAclLine(line: string, fp: Fingerprinter): string {
  return line.replace(/#([0-9a-f]{64})/gi, (_, hash: string) => `#fp:${fp.ofPasswordHash(hash)}`).replace(/ >\S+/g, ' >(redacted)');
}

function pairs(reply: unknown, what: string): Map<string, unknown> {
  if (!Array.isArray(reply) || reply.length % 2 !== 0) throw new UnparseableReplyError(what);
  const map = new Map<string, unknown>();
  for (let i = 0; i < reply.length; i += 2) map.set(String(reply[i]), reply[i + 1]);
  return map;
}

function words(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value.trim() ? value.trim().split(/\s+/) : [];
}

/** Splits a rules string into categories and individual command rules, in order. */
export function parseCommandRules(commands: string): Pick<AclUser, 'categories' | 'commandRules' | 'allCommands'> {
  const categories = { allowed: [] as string[], denied: [] as string[] };
  const commandRules = { allowed: [] as string[], denied: [] as string[] };
  let allCommands = false;
  for (const rule of words(commands)) {
    const sign = rule[0];
    const body = rule.slice(1).toLowerCase();
    if (rule === 'allcommands') allCommands = true;
    else if (rule === 'nocommands') allCommands = false;
    else if (sign === '+' && body.startsWith('@')) {
      categories.allowed.push(body.slice(1));
      if (body === '@all') allCommands = true;
    } else if (sign === '-' && body.startsWith('@')) {
      categories.denied.push(body.slice(1));
      if (body === '@all') allCommands = false;
    } else if (sign === '+') commandRules.allowed.push(body);
    else if (sign === '-') commandRules.denied.push(body);
  }
  // `+@all` followed by any `-` rule no longer grants every command.
  const lastAll = words(commands).map((r) => r.toLowerCase()).lastIndexOf('+@all');
  if (allCommands && lastAll >= 0 && words(commands).slice(lastAll + 1).some((r) => r.startsWith('-'))) allCommands = false;
  return { categories, commandRules, allCommands };
}

const ALL_KEYS = new Set(['~*', '%rw~*', '%wr~*', 'allkeys']);

/** ACL GETUSER reply (RESP2 flat array) → AclUser. */
export function parseAclGetUser(name: string, reply: unknown, aclListLine: string, fp: Fingerprinter): AclUser {
  const fields = pairs(reply, `ACL GETUSER ${name}`);
  const flags = words(fields.get('flags'));
  const passwordHashes = words(fields.get('passwords'));
  const commands = String(fields.get('commands') ?? '');
  const keyPatterns = words(fields.get('keys'));
  const selectors: AclSelector[] = Array.isArray(fields.get('selectors'))
    ? (fields.get('selectors') as unknown[]).map((s, i) => {
        const sel = pairs(s, `ACL GETUSER ${name} selector ${i}`);
        return { commands: String(sel.get('commands') ?? ''), keys: words(sel.get('keys')), channels: words(sel.get('channels')) };
      })
    : [];
  return {
    name,
    enabled: flags.includes('on'),
    nopass: flags.includes('nopass'),
    flags,
    passwords: { count: passwordHashes.length, fingerprints: passwordHashes.map((h) => fp.ofPasswordHash(h)) },
    keyPatterns,
    channelPatterns: words(fields.get('channels')),
    commands,
    ...parseCommandRules(commands),
    allKeys: flags.includes('allkeys') || keyPatterns.some((k) => ALL_KEYS.has(k.toLowerCase())),
    selectors,
    rule: redactAclLine(aclListLine, fp),
  };
}
