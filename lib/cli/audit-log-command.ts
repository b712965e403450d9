// `redis-compliance audit-log verify`: checks the app audit log's hash chain in the app database
// (DATABASE_URL, or the app's SQLite file) and reports the first broken link.
import type { Command } from 'commander';
import { verifyAuditChain } from '@/lib/audit-log/verify-audit-chain';
import { db } from '@/lib/db/client';

export interface AuditLogIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runAuditLogVerify(io: AuditLogIo, format: 'text' | 'json'): Promise<number> {
  try {
    const verdict = await verifyAuditChain();
    if (format === 'json') io.stdout(`${JSON.stringify(verdict)}\n`);
    else if (verdict.ok) io.stdout(`audit log intact: ${verdict.entries} entries, chain head ${verdict.lastHash ?? '(empty)'}\n`);
    else io.stdout(`audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.entries} entries verified before it)\n`);
    return verdict.ok ? 0 : 1;
  } catch (err) {
    io.stderr(`error: cannot read the audit log: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await db().$disconnect();
  }
}

export function registerAuditLogCommand(program: Command, io: AuditLogIo, setCode: (code: number) => void) {
  program
    .command('audit-log')
    .description('App audit log tools (reads the app database: DATABASE_URL or the SQLite file under data/)')
    .command('verify')
    .description('Verify the hash chain; exit 0 when intact, 1 when an entry was altered, removed or inserted, 2 when it cannot be read')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { format: string }) => setCode(await runAuditLogVerify(io, flags.format === 'json' ? 'json' : 'text')));
}
