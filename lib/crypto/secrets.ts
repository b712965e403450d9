// Secrets at rest (Redis passwords, cloud keys): AES-256-GCM with a random 96-bit IV per value.
// Format: "v1.<iv>.<tag>.<ciphertext>" (base64url parts), so a future key version can coexist.
import crypto from 'node:crypto';
import { derivedKey } from './keys';

const VERSION = 'v1';

export function encryptSecret(plaintext: string, associatedData = ''): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', derivedKey('secrets-encryption'), iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(sealed: string, associatedData = ''): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret (expected v1.<iv>.<tag>.<ciphertext>)');
  const decipher = crypto.createDecipheriv('aes-256-gcm', derivedKey('secrets-encryption'), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** Seals a JSON object of secrets (e.g. a connection's password and key material). */
export function encryptSecrets(values: Record<string, string | undefined>, associatedData = ''): string {
  return encryptSecret(JSON.stringify(values), associatedData);
}

export function decryptSecrets(sealed: string, associatedData = ''): Record<string, string | undefined> {
  return JSON.parse(decryptSecret(sealed, associatedData));
}

/** Stable, non-reversible fingerprint of a secret for change detection (catalog §1.6). */
export function fingerprintSecret(value: string): string {
  return crypto.createHmac('sha256', derivedKey('fingerprint')).update(value).digest('hex').slice(0, 32);
}
