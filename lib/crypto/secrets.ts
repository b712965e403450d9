// Secrets at rest (Redis passwords, cloud keys): AES-256-GCM with a random 96-bit IV per value.
// Format: "v1.<iv>.<tag>.<ciphertext>" (base64url parts), so a future key version can coexist.
// The key is derived from the master key (lib/crypto/keys); `keys rotate-encryption` re-seals
// every value under a new master key with sealWith/openWith.
import crypto from 'node:crypto';
import { derivedKey, derivedKeyFrom } from './keys';

const VERSION = 'v1';

/** The AES key that seals secrets under a given master key. */
export function secretsKeyOf(master: Buffer): Buffer {
  return derivedKeyFrom(master, 'secrets-encryption');
}

export function sealWith(key: Buffer, plaintext: string, associatedData = ''): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function openWith(key: Buffer, sealed: string, associatedData = ''): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret (expected v1.<iv>.<tag>.<ciphertext>)');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

export function encryptSecret(plaintext: string, associatedData = ''): string {
  return sealWith(derivedKey('secrets-encryption'), plaintext, associatedData);
}

export function decryptSecret(sealed: string, associatedData = ''): string {
  return openWith(derivedKey('secrets-encryption'), sealed, associatedData);
}

/** Seals a JSON object of secrets (e.g. a connection's password and key material). */
export function encryptSecrets(values: Record<string, string | undefined>, associatedData = ''): string {
  return encryptSecret(JSON.stringify(values), associatedData);
}

export function decryptSecrets(sealed: string, associatedData = ''): Record<string, string | undefined> {
  return JSON.parse(decryptSecret(sealed, associatedData));
}
