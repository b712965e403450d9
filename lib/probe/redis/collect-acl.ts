import {
  DRYRUN_COMMANDS,
  type AclDryRunEntry,
  type AclLogEntrySummary,
  type AclLogSummary,
  type AclUser,
  type DryRunCommand,
} from '@/lib/facts/self-hosted';
import type { ProbeClient } from './client';
import type { Fingerprinter } from './fingerprint';
import { UnparseableReplyError } from './outcome';
import { parseAclGetUser, userNameOfAclLine } from './parse-acl';
import { normalizePatterns } from './redaction/key-pattern';

export async function collectAclUsers(client: ProbeClient, fp: Fingerprinter): Promise<AclUser[]> {
  const lines = await client.call('ACL', 'LIST');
  if (!Array.isArray(lines)) throw new UnparseableReplyError('ACL LIST');
  return Promise.all(
    lines.map(String).map(async (line) => {
      const name = userNameOfAclLine(line);
      return parseAclGetUser(name, await client.call('ACL', 'GETUSER', name), line, fp);
    }),
  );
}

function dryRunVerdict(reply: unknown, error: unknown): Pick<AclDryRunEntry, 'verdict' | 'detail' | 'deniedOn'> {
  if (error === undefined) {
    // 7.0 answers a denial with a status text, not an error: "This user has no permissions to run the 'x' command".
    const text = String(reply).slice(0, 160);
    if (text === 'OK') return { verdict: 'allowed', detail: text, deniedOn: null };
    const on = /permissions to (?:run the '[^']*' command|access the '[^']*' (key|channel))/.exec(text);
    if (on) return { verdict: 'denied', detail: text.replace(/'[^']*' (key|channel)/, "'{dummy}' $1"), deniedOn: (on[1] as 'key' | 'channel') ?? 'command' };
    return { verdict: 'error', detail: text, deniedOn: null };
  }
  const message = String((error as Error).message ?? error).split('\n')[0].slice(0, 160);
  if (/Command '[^']*' not found|unknown command/i.test(message)) return { verdict: 'unknown_command', detail: message, deniedOn: null };
  return { verdict: 'error', detail: message, deniedOn: null };
}

/**
 * ACL DRYRUN (never executes) for every enabled user × DRYRUN_COMMANDS. If the scanner itself may
 * not run ACL DRYRUN, the first reply says so and the whole fact is refused (thrown).
 */
export async function collectAclDryRun(client: ProbeClient, users: AclUser[]): Promise<AclDryRunEntry[]> {
  const jobs = users
    .filter((u) => u.enabled)
    .flatMap((u) => (Object.keys(DRYRUN_COMMANDS) as DryRunCommand[]).map((command) => ({ user: u.name, command })));
  const results = await Promise.all(
    jobs.map(async ({ user, command }) => {
      try {
        // A renamed CONFIG is asked about under the name the server knows it by.
        const [verb, ...args] = DRYRUN_COMMANDS[command];
        return { user, command, reply: await client.call('ACL', 'DRYRUN', user, client.alias(verb), ...args), error: undefined };
      } catch (error) {
        return { user, command, reply: undefined, error };
      }
    }),
  );
  // The scanner itself may not run ACL DRYRUN (NOPERM) or the command is renamed: the fact is missing.
  const own = results.find((r) => r.error && /^(NOPERM|ERR unknown subcommand|ERR unknown command)/.test(String((r.error as Error).message)));
  if (own) throw own.error;
  return results.map(({ user, command, reply, error }) => ({ user, command, ...dryRunVerdict(reply, error) }));
}

function flatPairs(entry: unknown): Map<string, unknown> {
  if (!Array.isArray(entry)) throw new UnparseableReplyError('ACL LOG entry');
  const m = new Map<string, unknown>();
  for (let i = 0; i + 1 < entry.length; i += 2) m.set(String(entry[i]), entry[i + 1]);
  return m;
}

export async function collectAclLog(client: ProbeClient): Promise<AclLogSummary> {
  const reply = await client.call('ACL', 'LOG', 128);
  if (!Array.isArray(reply)) throw new UnparseableReplyError('ACL LOG');
  const raw = reply.map(flatPairs);
  // Key and channel names are normalized as one population (shared segments stay literal).
  const objects = raw.map((e) => String(e.get('object') ?? ''));
  const normalized = normalizePatterns(objects);
  const num = (v: unknown) => (v === undefined || v === null ? null : Number(v));
  const entries: AclLogEntrySummary[] = raw.map((e, i) => {
    const reason = String(e.get('reason') ?? '');
    const clientInfo = String(e.get('client-info') ?? '');
    return {
      reason,
      context: String(e.get('context') ?? ''),
      username: String(e.get('username') ?? ''),
      object: reason === 'command' ? objects[i].toLowerCase() : reason === 'auth' ? 'AUTH' : normalized[i],
      count: Number(e.get('count') ?? 1),
      ageSeconds: Number(e.get('age-seconds') ?? 0),
      clientAddr: /(?:^| )addr=(\S+)/.exec(clientInfo)?.[1] ?? null,
      entryId: num(e.get('entry-id')),
      timestampCreatedMs: num(e.get('timestamp-created')),
      timestampLastUpdatedMs: num(e.get('timestamp-last-updated')),
    };
  });
  const tally = (pick: (e: AclLogEntrySummary) => string) =>
    entries.reduce<Record<string, number>>((acc, e) => ((acc[pick(e)] = (acc[pick(e)] ?? 0) + e.count), acc), {});
  return { entries, countsByReason: tally((e) => e.reason), countsByContext: tally((e) => e.context), countsByUser: tally((e) => e.username) };
}
