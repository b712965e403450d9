// The app's master key: APP_ENCRYPTION_KEY (32 bytes, base64 or hex), or generated once into
// data/encryption.key with mode 0600. Purpose-specific keys are derived from it with HKDF so the
// encryption key itself is never used for anything else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../app-data/paths';

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('APP_ENCRYPTION_KEY must be 32 bytes, base64 or hex encoded (generate one with: openssl rand -base64 32)');
  return key;
}

function loadOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  // 'wx' fails if another process created it first; then read theirs.
  try {
    fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return parseKey(fs.readFileSync(file, 'utf8'));
  }
}

let cached: Buffer | undefined;

export function masterKey(): Buffer {
  cached ??= process.env.APP_ENCRYPTION_KEY ? parseKey(process.env.APP_ENCRYPTION_KEY) : loadOrCreateKeyFile(path.join(dataDir(), 'encryption.key'));
  return cached;
}

export type KeyPurpose = 'secrets-encryption' | 'fingerprint' | 'session';

export function derivedKey(purpose: KeyPurpose): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey(), Buffer.alloc(0), `redis-compliance:${purpose}`, 32));
}

/** For tests: forget the cached key after changing the environment. */
export function resetKeyCache(): void {
  cached = undefined;
}
