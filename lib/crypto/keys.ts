// The app's master key: APP_ENCRYPTION_KEY (32 bytes, base64 or hex), or generated once into
// data/encryption.key with mode 0600. Purpose-specific keys are derived from it with HKDF so the
// encryption key itself is never used for anything else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../app-data/paths';

export const KEY_FORMAT_HINT = '32 bytes, base64 or hex encoded (generate one with: openssl rand -base64 32)';

/** A master key from its text form (base64 or 64 hex digits); `name` says where it came from. */
export function parseMasterKey(text: string, name = 'APP_ENCRYPTION_KEY'): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new Error(`${name} must be ${KEY_FORMAT_HINT}`);
  return key;
}

export type MasterKeySource = { kind: 'env' } | { kind: 'file'; file: string };

/** Where the master key comes from: the environment wins over the key file. */
export function masterKeySource(): MasterKeySource {
  return process.env.APP_ENCRYPTION_KEY ? { kind: 'env' } : { kind: 'file', file: path.join(dataDir(), 'encryption.key') };
}

function loadOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) return parseMasterKey(fs.readFileSync(file, 'utf8'), file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  // 'wx' fails if another process created it first; then read theirs.
  try {
    fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return parseMasterKey(fs.readFileSync(file, 'utf8'), file);
  }
}

/**
 * Puts `key` into the key file: the old file is kept as `<file>.<stamp>.bak` (mode 0600) and the new
 * one written beside it and renamed over it, so the file is never half written. Returns the backup.
 */
export function replaceKeyFile(file: string, key: Buffer, now = new Date()): string {
  const backup = `${file}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
  fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(backup, 0o600);
  const next = `${file}.next`;
  fs.rmSync(next, { force: true });
  fs.writeFileSync(next, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  fs.renameSync(next, file);
  cached = undefined;
  return backup;
}

let cached: Buffer | undefined;

export function masterKey(): Buffer {
  const source = masterKeySource();
  cached ??= source.kind === 'env' ? parseMasterKey(process.env.APP_ENCRYPTION_KEY!) : loadOrCreateKeyFile(source.file);
  return cached;
}

export type KeyPurpose = 'secrets-encryption' | 'fingerprint' | 'session' | 'key-id';

export function derivedKeyFrom(master: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `redis-compliance:${purpose}`, 32));
}

export function derivedKey(purpose: KeyPurpose): Buffer {
  return derivedKeyFrom(masterKey(), purpose);
}

/** A short public name of a master key (tells two keys apart; reveals nothing about them). */
export function masterKeyId(master: Buffer): string {
  return derivedKeyFrom(master, 'key-id').toString('hex').slice(0, 16);
}

/** For tests: forget the cached key after changing the environment. */
export function resetKeyCache(): void {
  cached = undefined;
}
