// `redis-compliance audit-log verify|purge`: checks the app audit log's hash chain in the app
// database (DATABASE_URL, or the app's SQLite file) and reports the first broken link; purges the
// entries past their retention (the maintenance loop does this daily too).
import type { Command } from 'commander';
import { purgeExpiredAuditLog, type PurgeResult } from '@/lib/audit-log/purge-audit-log';
import { verifyAuditChain, type ChainVerdict } from '@/lib/audit-log/verify-audit-chain';
import { db } from '@/lib/db/client';

export interface AuditLogIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

type Format = 'text' | 'json';

/** Runs one command against the database: its report, exit 0 or 1 as it says, 2 when unreadable. */
async function runAgainstDb<T>(io: AuditLogIo, format: Format, work: () => Promise<T>, describe: (result: T) => { text: string; code: number }): Promise<number> {
  try {
    const result = await work();
    const { text, code } = describe(result);
    io.stdout(format === 'json' ? `${JSON.stringify(result)}\n` : `${text}\n`);
    return code;
  } catch (err) {
    io.stderr(`error: cannot read the audit log: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await db().$disconnect();
  }
}

function describeVerdict(verdict: ChainVerdict): { text: string; code: number } {
  const purged = verdict.purged ? ` after entries 1–${verdict.purged.throughSeq} were purged (${verdict.purged.purges} purge(s), last at ${verdict.purged.lastPurgeAt})` : '';
  if (verdict.ok) return { code: 0, text: `audit log intact: ${verdict.entries} entries${purged}, chain head ${verdict.lastHash ?? '(empty)'}` };
  return { code: 1, text: `audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.entries} entries verified before it${purged})` };
}

function describePurge(result: PurgeResult): { text: string; code: number } {
  const rule = `older than ${result.cutoff} (retention ${result.retentionDays} days)`;
  switch (result.status) {
    case 'nothing':
      return { code: 0, text: `nothing to purge: no entry ${rule}` };
    case 'refused':
      return { code: 1, text: `purge REFUSED: the expired part of the chain is broken at entry ${result.brokenAt}: ${result.reason}` };
    case 'planned':
      return { code: 0, text: `dry run: would purge entries ${result.firstSeq}–${result.lastSeq} (${result.count}) ${rule}` };
    case 'purged':
      return { code: 0, text: `purged entries ${result.firstSeq}–${result.lastSeq} (${result.count}) ${rule}; verification now starts after entry ${result.lastSeq}` };
  }
}

export const runAuditLogVerify = (io: AuditLogIo, format: Format) => runAgainstDb(io, format, verifyAuditChain, describeVerdict);

export const runAuditLogPurge = (io: AuditLogIo, format: Format, dryRun: boolean) => runAgainstDb(io, format, () => purgeExpiredAuditLog({ dryRun, via: 'cli' }), describePurge);

const formatOf = (flags: { format: string }): Format => (flags.format === 'json' ? 'json' : 'text');

export function registerAuditLogCommand(program: Command, io: AuditLogIo, setCode: (code: number) => void) {
  const auditLog = program.command('audit-log').description('App audit log tools (reads the app database: DATABASE_URL or the SQLite file under data/)');
  auditLog
    .command('verify')
    .description('Verify the hash chain (from the latest purge anchor); exit 0 when intact, 1 when an entry was altered, removed or inserted, 2 when it cannot be read')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { format: string }) => setCode(await runAuditLogVerify(io, formatOf(flags))));
  auditLog
    .command('purge')
    .description('Delete the entries older than the retention (security.auditLogRetentionDays, at least 6 years), oldest first; exit 1 when the expired part of the chain is broken (nothing is deleted)')
    .option('--dry-run', 'only report what would be purged', false)
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { format: string; dryRun: boolean }) => setCode(await runAuditLogPurge(io, formatOf(flags), flags.dryRun)));
}
