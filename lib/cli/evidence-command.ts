// `redis-compliance evidence --from YYYY-MM-DD --to YYYY-MM-DD [--scope key=value ...] --out package.zip`:
// builds the same signed evidence package as the app's Evidence page, from the app database
// (DATABASE_URL, or the app's SQLite file). Progress goes to stderr, the summary to stdout.
// Exit: 0 built; 1 the build failed; 2 bad arguments or no database.
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { db } from '@/lib/db/client';
import { buildEvidencePackage } from '@/lib/evidence/build-package';
import { parseEvidenceRequest } from '@/lib/evidence/request-schema';
import { resolveScope, ScopeError } from '@/lib/evidence/scope';
import { appDatabaseExists } from './verify-command';

export interface EvidenceIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface EvidenceFlags {
  from: string;
  to: string;
  scope: string[];
  framework?: string;
  org?: string;
  out: string;
}

const SCOPE_KEYS = { environment: 'environments', platform: 'platforms', instance: 'instances' } as const;

class ScopeFlagError extends Error {}

/** `--scope environment=production --scope instance=a,b` → { environments: [...], instances: [...] }. */
function parseScopeFlags(values: string[]): Record<string, string[]> {
  const scope: Record<string, string[]> = {};
  for (const value of values) {
    const [key, list] = value.split(/=(.*)/s);
    const field = SCOPE_KEYS[key as keyof typeof SCOPE_KEYS];
    if (!field || !list) throw new ScopeFlagError(`--scope "${value}": write key=value with key environment, platform or instance (e.g. --scope environment=production)`);
    scope[field] = [...(scope[field] ?? []), ...list.split(',').map((s) => s.trim()).filter(Boolean)];
  }
  return scope;
}

async function organizationFor(slug: string | undefined): Promise<{ id: string; name: string } | string> {
  if (slug) return (await db().organization.findUnique({ where: { slug }, select: { id: true, name: true } })) ?? `no organisation with slug "${slug}" in the app database`;
  const all = await db().organization.findMany({ select: { id: true, name: true, slug: true }, orderBy: { slug: 'asc' }, take: 50 });
  if (all.length === 1) return all[0];
  return all.length === 0 ? 'the app database has no organisation yet' : `the app database has several organisations: pass --org <slug> (one of ${all.map((o) => o.slug).join(', ')})`;
}

export async function runEvidence(flags: EvidenceFlags, io: EvidenceIo): Promise<number> {
  let scopeFlags: Record<string, string[]>;
  try {
    scopeFlags = parseScopeFlags(flags.scope);
  } catch (err) {
    if (!(err instanceof ScopeFlagError)) throw err;
    io.stderr(`error: ${err.message}\n`);
    return 2;
  }
  const parsed = parseEvidenceRequest({
    period: { from: flags.from, to: flags.to },
    scope: { ...scopeFlags, ...(flags.framework ? { frameworks: flags.framework.split(',').map((f) => f.trim()) } : {}) },
  });
  if (!parsed.ok) {
    io.stderr(`error: ${parsed.error}\n`);
    return 2;
  }
  if (!appDatabaseExists()) {
    io.stderr('error: no app database found: set DATABASE_URL, or run this where the app keeps data/app.db\n');
    return 2;
  }
  try {
    const organization = await organizationFor(flags.org);
    if (typeof organization === 'string') {
      io.stderr(`error: ${organization}\n`);
      return 2;
    }
    const { period, scope } = parsed.request;
    await resolveScope(organization.id, scope, period);
    const outFile = path.resolve(flags.out);
    const user = os.userInfo().username;
    let lastPercent = -1;
    const outcome = await buildEvidencePackage({
      organizationId: organization.id,
      period,
      scope,
      generatedBy: `redis-compliance CLI (${user}@${os.hostname()})`,
      outFile,
      progress: (fraction, stage) => {
        const percent = Math.floor(fraction * 100);
        if (percent !== lastPercent) io.stderr(`[${String(percent).padStart(3)}%] ${stage}\n`);
        lastPercent = percent;
      },
    });
    await recordAudit({ organizationId: organization.id }, { action: 'evidence.create', targetType: 'evidence-file', outcome: 'success', detail: { via: 'cli', user, from: period.from, to: period.to, scope, sha256: outcome.sha256 } });
    io.stdout(
      [
        `wrote ${outFile}`,
        `  organisation     ${organization.name}`,
        `  period           ${period.from} to ${period.to} (UTC, inclusive)`,
        `  instances        ${outcome.manifest.scope.instanceIds.length}`,
        `  files            ${outcome.manifest.files.length + 2} (${outcome.size} bytes zipped)`,
        `  package sha256   ${outcome.sha256}`,
        `  evidence digest  ${outcome.manifest.evidenceDigest}`,
        `  signing key      ${outcome.manifest.signingKey.fingerprint}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (err instanceof ScopeError) {
      io.stderr(`error: ${err.message}\n`);
      return 2;
    }
    io.stderr(`error: the package could not be built: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await db().$disconnect();
  }
}

export function registerEvidenceCommand(program: Command, io: EvidenceIo, setCode: (code: number) => void) {
  program
    .command('evidence')
    .description('Build a signed evidence package (report.pdf, evidence JSON/CSV, manifest.json + manifest.sig) from the app database')
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the period (UTC)')
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the period (UTC, included)')
    .option('--scope <key=value>', 'limit the instances: environment=…, platform=self|ec|ecs|ms, instance=<name or id>; repeat or comma-separate', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--framework <list>', 'hipaa, hitrust or both (default both)')
    .option('--org <slug>', 'organisation (needed when the database holds several)')
    .requiredOption('--out <file>', 'where to write the .zip')
    .action(async (flags: EvidenceFlags) => setCode(await runEvidence(flags, io)));
}
