// `redis-compliance keys list [--org <slug|id>]`, `keys rotate-signing --org <slug|id>` and
// `keys rotate-encryption` (keys-command-rotate-encryption.ts). Prints fingerprints and key ids,
// never key material. Exit: 0 done; 1 failed; 2 bad arguments or no app database.
import fs from 'node:fs';
import type { Command } from 'commander';
import { fingerprintKeyIsStored } from '@/lib/crypto/fingerprint-key';
import { masterKey, masterKeyId, masterKeySource } from '@/lib/crypto/keys';
import { db } from '@/lib/db/client';
import { listSigningKeys, rotateSigningKey, type PublicSigningKey } from '@/lib/evidence/signing-key';
import { type KeysIo, withAppDatabase } from './keys-command-io';
import { runRotateEncryption, type RotateEncryptionFlags } from './keys-command-rotate-encryption';

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? '—';

async function organizations(ref: string | undefined, io: KeysIo): Promise<{ id: string; name: string; slug: string }[] | null> {
  const found = await db().organization.findMany({ where: ref ? { OR: [{ slug: ref }, { id: ref }] } : {}, select: { id: true, name: true, slug: true }, orderBy: { slug: 'asc' } });
  if (ref && found.length === 0) {
    io.stderr(`error: no organisation with slug or id "${ref}" in the app database\n`);
    return null;
  }
  return found;
}

function signingKeyLine(key: PublicSigningKey): string {
  return `  ${key.active ? 'active ' : 'retired'}  ${key.fingerprint}  ${key.algorithm}  created ${day(key.createdAt)}${key.retiredAt ? `, retired ${day(key.retiredAt)}` : ''}`;
}

/** The master key's id and source, when there is one (never creates a key file). */
function encryptionKeyLine(): string {
  const source = masterKeySource();
  if (source.kind === 'file' && !fs.existsSync(source.file)) return `encryption key: none yet (${source.file} is created on first use)`;
  return `encryption key: id ${masterKeyId(masterKey())} (from ${source.kind === 'env' ? 'APP_ENCRYPTION_KEY' : source.file})`;
}

export async function runKeysList(flags: { org?: string }, io: KeysIo): Promise<number> {
  return withAppDatabase(io, async () => {
    const orgs = await organizations(flags.org, io);
    if (!orgs) return 2;
    const lines = [encryptionKeyLine(), `fingerprint key: ${(await fingerprintKeyIsStored()) ? 'stored (sealed in the database)' : 'derived from the encryption key'}`];
    for (const org of orgs) {
      const keys = await listSigningKeys(org.id);
      lines.push('', `${org.name} (${org.slug}) evidence-signing keys:`, ...(keys.length ? keys.map(signingKeyLine) : ['  none yet (created when the first package is built)']));
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  });
}

export async function runRotateSigning(flags: { org: string }, io: KeysIo): Promise<number> {
  return withAppDatabase(io, async () => {
    const [org] = (await organizations(flags.org, io)) ?? [];
    if (!org) return 2;
    try {
      const rotation = await rotateSigningKey({ organizationId: org.id }, org.id, 'cli');
      io.stdout(
        [
          `${org.name}: new evidence-signing key`,
          signingKeyLine(rotation.active),
          ...(rotation.retired ? [signingKeyLine(rotation.retired), 'Packages signed with the retired key still verify (`redis-compliance verify`, the Evidence page).'] : []),
          '',
        ].join('\n'),
      );
      return 0;
    } catch (err) {
      io.stderr(`error: the signing key was not rotated: ${(err as Error).message}\n`);
      return 1;
    }
  });
}

export function registerKeysCommand(program: Command, io: KeysIo, setCode: (code: number) => void) {
  const keys = program.command('keys').description("The app's encryption key and the evidence-signing keys (reads the app database: DATABASE_URL or the SQLite file under data/)");
  keys
    .command('list')
    .description('Print the encryption key id and every evidence-signing key fingerprint (active and retired); never key material')
    .option('--org <slug|id>', 'only this organisation')
    .action(async (flags: { org?: string }) => setCode(await runKeysList(flags, io)));
  keys
    .command('rotate-signing')
    .description("Retire the organisation's active evidence-signing key and create a new one; older packages still verify")
    .requiredOption('--org <slug|id>', 'organisation')
    .action(async (flags: { org: string }) => setCode(await runRotateSigning(flags, io)));
  keys
    .command('rotate-encryption')
    .description('Re-seal every stored secret under a new master key, then replace data/encryption.key (kept as a 0600 backup) or tell you to set APP_ENCRYPTION_KEY. Safe to run again.')
    .option('--new-key-file <path>', 'file holding the new key (32 bytes, base64 or hex: openssl rand -base64 32)')
    .option('--new-key-env <VAR>', 'environment variable holding the new key')
    .option('--dry-run', 'only count what would be re-sealed; change nothing')
    .action(async (flags: RotateEncryptionFlags) => setCode(await runRotateEncryption(flags, io)));
}
