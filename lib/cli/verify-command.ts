// `redis-compliance verify package.zip [--public-key key.pem ...] [--format text|json]`: checks every
// file's SHA-256 and size against manifest.json, the Ed25519 signature, and that the signing key is
// trusted — a key given with --public-key (from the app's Evidence page), or else one of the keys
// in the app database. Exit: 0 everything matches; 1 something differs (listed); 2 bad arguments.
import fs from 'node:fs';
import type { Command } from 'commander';
import { db } from '@/lib/db/client';
import { publicKeyFingerprint } from '@/lib/evidence/signing-key';
import { databaseTarget } from '@/lib/db/target';
import { sha256OfFile } from '@/lib/evidence/file-digest';
import { verifyPackage, type TrustedKey, type VerificationReport } from '@/lib/evidence/verify-package';

export interface VerifyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface VerifyFlags {
  publicKey: string[];
  format: string;
}

/** Whether the app database exists (never create an empty SQLite file where the app has not run). */
export function appDatabaseExists(): boolean {
  const target = databaseTarget();
  return target.engine === 'postgresql' || fs.existsSync(target.url.replace(/^file:/, ''));
}

async function keysFromDatabase(): Promise<TrustedKey[]> {
  if (!appDatabaseExists()) return [];
  try {
    const keys = await db().signingKey.findMany({ select: { fingerprint: true, activeForOrganizationId: true, organization: { select: { name: true } } }, orderBy: { createdAt: 'asc' } });
    return keys.map((k) => ({ fingerprint: k.fingerprint, label: `${k.organization.name}, ${k.activeForOrganizationId ? 'active' : 'retired'} key (app database)` }));
  } catch {
    return [];
  } finally {
    await db().$disconnect();
  }
}

function text(report: VerificationReport, zip: string): string {
  const lines = [`${report.ok ? 'VERIFIED' : 'NOT VERIFIED'}: ${zip}`];
  if (report.manifest) {
    lines.push(`  organisation     ${report.manifest.organization.name}`, `  period           ${report.manifest.period.from} to ${report.manifest.period.to}`, `  generated        ${report.manifest.generatedAt} by ${report.manifest.generatedBy}`, `  evidence digest  ${report.manifest.evidenceDigest}`);
  }
  lines.push(`  files checked    ${report.filesChecked}`, `  signature        ${report.signature}`, `  signing key      ${report.key.fingerprint ?? 'none'}${report.key.trustedAs ? ` (${report.key.trustedAs})` : ''}`);
  for (const problem of report.problems) lines.push(`  DIFFERS: ${problem}`);
  return `${lines.join('\n')}\n`;
}

export async function runVerify(zip: string, flags: VerifyFlags, io: VerifyIo): Promise<number> {
  if (!fs.existsSync(zip) || !fs.statSync(zip).isFile()) {
    io.stderr(`error: ${zip}: no such file\n`);
    return 2;
  }
  let trusted: TrustedKey[];
  try {
    trusted = flags.publicKey.length ? flags.publicKey.map((file) => ({ fingerprint: publicKeyFingerprint(fs.readFileSync(file, 'utf8')), label: `--public-key ${file}` })) : await keysFromDatabase();
  } catch (err) {
    io.stderr(`error: --public-key: ${(err as Error).message.split('\n')[0]} (give the PEM file from the app's Evidence page)\n`);
    return 2;
  }
  const report = await verifyPackage(zip, trusted);
  if (flags.format === 'json') io.stdout(`${JSON.stringify({ file: zip, sha256: await sha256OfFile(zip), ...report })}\n`);
  else io.stdout(text(report, zip));
  return report.ok ? 0 : 1;
}

export function registerVerifyCommand(program: Command, io: VerifyIo, setCode: (code: number) => void) {
  program
    .command('verify')
    .description('Verify an evidence package: every hash, the manifest signature and the signing key; exit 0 only when everything matches')
    .argument('<package.zip>', 'the package to check')
    .option('--public-key <file>', 'trusted public key (PEM, from the Evidence page); repeat for several. Default: the keys in the app database', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--format <format>', 'text or json', 'text')
    .action(async (zip: string, flags: VerifyFlags) => setCode(await runVerify(zip, flags, io)));
}
