// `redis-compliance keys rotate-encryption (--new-key-file F | --new-key-env VAR) [--dry-run]`:
// re-seals every secret in the app database under a new master key (lib/crypto/rotate-encryption-key),
// then puts the new key into data/encryption.key when that file is the key source (the old one is
// kept as a 0600 backup), or says to set APP_ENCRYPTION_KEY. Running it again is safe.
// Exit: 0 done (or dry run clean); 1 values no key opens, or the rotation failed; 2 bad arguments.
import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { KEY_FORMAT_HINT, masterKey, masterKeySource, parseMasterKey, replaceKeyFile } from '@/lib/crypto/keys';
import { reencryptSecrets, RotationRefused, type RotationReport } from '@/lib/crypto/rotate-encryption-key';
import { db } from '@/lib/db/client';
import { type KeysIo, withAppDatabase } from './keys-command-io';

const flagsSchema = z
  .object({
    newKeyFile: z.string().min(1, '--new-key-file needs a path').optional(),
    newKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, '--new-key-env takes the name of an environment variable (e.g. NEW_APP_ENCRYPTION_KEY), not the key itself').optional(),
    dryRun: z.boolean().optional(),
  })
  .refine((f) => (f.newKeyFile === undefined) !== (f.newKeyEnv === undefined), 'give the new key with exactly one of --new-key-file <path> or --new-key-env <VAR>');

export type RotateEncryptionFlags = z.input<typeof flagsSchema>;

class KeyInputError extends Error {}

const GENERATE_HINT = `Generate a new key with: (umask 077; openssl rand -base64 32 > new-encryption.key)`;

function readNewKey(flags: z.output<typeof flagsSchema>, io: KeysIo): Buffer {
  if (flags.newKeyEnv !== undefined) {
    const value = io.env[flags.newKeyEnv];
    if (!value) throw new KeyInputError(`environment variable ${flags.newKeyEnv} is not set. ${GENERATE_HINT}`);
    return parseKey(value, `$${flags.newKeyEnv}`);
  }
  const file = flags.newKeyFile!;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new KeyInputError(`${file}: no such file. ${GENERATE_HINT}`);
  if (fs.statSync(file).mode & 0o077) io.stderr(`warning: ${file} is readable by other users: chmod 600 ${file}\n`);
  return parseKey(fs.readFileSync(file, 'utf8'), file);
}

function parseKey(text: string, name: string): Buffer {
  try {
    return parseMasterKey(text, name);
  } catch {
    throw new KeyInputError(`${name} must be ${KEY_FORMAT_HINT}`);
  }
}

function currentKey(): Buffer {
  const source = masterKeySource();
  if (source.kind === 'file' && !fs.existsSync(source.file)) throw new KeyInputError(`no current key: APP_ENCRYPTION_KEY is not set and ${source.file} does not exist (run this where the app keeps its data, or set APP_DATA_DIR)`);
  try {
    return masterKey();
  } catch (err) {
    throw new KeyInputError(`the current key is unusable: ${(err as Error).message}`);
  }
}

function reportLines(report: RotationReport): string[] {
  const width = Math.max(...report.columns.map((c) => c.column.length));
  return [
    ...report.columns.map((c) => `  ${c.column.padEnd(width)}  ${String(c.values).padStart(4)} value(s): ${c.resealed} ${report.dryRun ? 'to re-seal' : 're-sealed'}, ${c.alreadyNew} already under the new key`),
    `  fingerprint key: ${report.fingerprintKeyStored ? (report.dryRun ? 'will be stored' : 'stored') : 'already stored'} (unchanged, so facts fingerprints stay comparable across the change)`,
    ...report.unreadable.map((u) => `  UNREADABLE: ${u} opens with neither key`),
  ];
}

function nextSteps(newKeyId: string, backup: string | null): string[] {
  const source = masterKeySource();
  const keyStep =
    source.kind === 'file'
      ? backup
        ? `${source.file} now holds the new key; the old one is kept in ${backup} (mode 0600).`
        : `${source.file} already holds the new key.`
      : `Set APP_ENCRYPTION_KEY to the new key wherever the app, its workers and this CLI run ("keys list" then shows key id ${newKeyId}).`;
  return [
    'Next:',
    `  1. ${keyStep}`,
    '  2. Restart the app and its workers: they hold the old key in memory and cannot read the re-sealed secrets until then.',
    '  3. Everyone signs in again (session cookies are signed with a key derived from the master key) unless NEXTAUTH_SECRET is set.',
    '  4. Test a connection in the app; then destroy the old key, its backup and any spare copy of the new key (such as the --new-key-file).',
  ];
}

async function audit(report: RotationReport | null, outcome: 'success' | 'error', extra: Record<string, unknown>) {
  const organizations = await db().organization.findMany({ select: { id: true } });
  const detail = { via: 'cli', user: os.userInfo().username, keySource: masterKeySource().kind, ...(report ? { currentKeyId: report.currentKeyId, newKeyId: report.newKeyId, resealed: Object.fromEntries(report.columns.map((c) => [c.column, c.resealed])) } : {}), ...extra };
  // The master key protects every organisation's secrets: each organisation's log shows the rotation.
  for (const org of organizations.length ? organizations : [{ id: null }]) {
    await recordAudit({ organizationId: org.id }, { action: 'keys.rotate-encryption', targetType: 'app-key', outcome, detail });
  }
}

export async function runRotateEncryption(rawFlags: RotateEncryptionFlags, io: KeysIo): Promise<number> {
  const parsed = flagsSchema.safeParse(rawFlags);
  if (!parsed.success) {
    io.stderr(`error: ${parsed.error.issues.map((i) => i.message).join('; ')}\n`);
    return 2;
  }
  let currentMaster: Buffer;
  let newMaster: Buffer;
  try {
    newMaster = readNewKey(parsed.data, io);
    currentMaster = currentKey();
  } catch (err) {
    if (!(err instanceof KeyInputError)) throw err;
    io.stderr(`error: ${err.message}\n`);
    return 2;
  }
  return withAppDatabase(io, async () => {
    const dryRun = Boolean(parsed.data.dryRun);
    let result: RotationReport;
    try {
      result = await reencryptSecrets({ currentMaster, newMaster, dryRun });
    } catch (err) {
      const refused = err instanceof RotationRefused ? err.report : null;
      io.stderr(`error: nothing was changed: ${(err as Error).message}\n${refused ? `${reportLines(refused).join('\n')}\n` : ''}`);
      if (!dryRun) await audit(refused, 'error', { error: (err as Error).message.slice(0, 300) });
      return 1;
    }
    if (dryRun) {
      io.stdout([`dry run (nothing changed): current key id ${result.currentKeyId}, new key id ${result.newKeyId}`, ...reportLines(result), ''].join('\n'));
      return result.unreadable.length ? 1 : 0;
    }
    io.stdout([`re-sealed the app's secrets: key id ${result.currentKeyId} → ${result.newKeyId}`, ...reportLines(result), ''].join('\n'));
    const source = masterKeySource();
    let backup: string | null = null;
    if (source.kind === 'file' && !currentMaster.equals(newMaster)) {
      try {
        backup = replaceKeyFile(source.file, newMaster);
      } catch (err) {
        io.stderr(`error: the database now uses the new key, but ${source.file} could not be replaced (${(err as Error).message}): put the new key into it (mode 0600) before restarting the app\n`);
        await audit(result, 'error', { error: 'key file not replaced' });
        return 1;
      }
    }
    await audit(result, 'success', { keyFileBackup: backup !== null });
    io.stdout(`${nextSteps(result.newKeyId, backup).join('\n')}\n`);
    return 0;
  });
}
