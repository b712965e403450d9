import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { masterKey, masterKeyId, masterKeySource, parseMasterKey, replaceKeyFile, resetKeyCache } from '@/lib/crypto/keys';
import { decryptSecret, encryptSecret, openWith, secretsKeyOf } from '@/lib/crypto/secrets';

const saved = { key: process.env.APP_ENCRYPTION_KEY, dir: process.env.APP_DATA_DIR };
afterEach(() => {
  process.env.APP_ENCRYPTION_KEY = saved.key;
  process.env.APP_DATA_DIR = saved.dir;
  if (saved.key === undefined) delete process.env.APP_ENCRYPTION_KEY;
  if (saved.dir === undefined) delete process.env.APP_DATA_DIR;
  resetKeyCache();
});

function useKey(key: string) {
  process.env.APP_ENCRYPTION_KEY = key;
  resetKeyCache();
}

describe('secret encryption (AES-256-GCM)', () => {
  it('round-trips and never repeats a ciphertext', () => {
    useKey(Buffer.alloc(32, 7).toString('base64'));
    const a = encryptSecret('hunter2-but-longer');
    const b = encryptSecret('hunter2-but-longer');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(decryptSecret(a)).toBe('hunter2-but-longer');
  });

  it('detects tampering, a wrong context and a wrong key', () => {
    useKey(Buffer.alloc(32, 7).toString('hex'));
    const sealed = encryptSecret('s3cret', 'connection:1');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'), 'connection:1')).toThrow();
    expect(() => decryptSecret(sealed, 'connection:2')).toThrow();
    useKey(Buffer.alloc(32, 8).toString('base64'));
    expect(() => decryptSecret(sealed, 'connection:1')).toThrow();
  });

  it('rejects a malformed key with instructions', () => {
    useKey('too-short');
    expect(() => masterKey()).toThrow(/32 bytes.*openssl rand -base64 32/);
  });

  it('generates a key file with mode 0600 once and reuses it', () => {
    delete process.env.APP_ENCRYPTION_KEY;
    process.env.APP_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-key-'));
    resetKeyCache();
    const first = masterKey();
    const file = path.join(process.env.APP_DATA_DIR, 'encryption.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    resetKeyCache();
    expect(masterKey().equals(first)).toBe(true);
  });

  it('parses base64 and hex keys and names the bad source with instructions', () => {
    const key = Buffer.alloc(32, 9);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseMasterKey(`${key.toString('hex')}\n`).equals(key)).toBe(true);
    expect(() => parseMasterKey('not a key at all!', '--new-key-file new.key')).toThrow(/^--new-key-file new.key must be 32 bytes.*openssl rand -base64 32/);
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('replaces the key file atomically and keeps the old key as a 0600 backup', () => {
    delete process.env.APP_ENCRYPTION_KEY;
    process.env.APP_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-key-'));
    resetKeyCache();
    const old = masterKey();
    const sealed = encryptSecret('kept', 'ctx');
    const source = masterKeySource();
    if (source.kind !== 'file') throw new Error('expected the key file as source');
    const next = Buffer.alloc(32, 3);
    const backup = replaceKeyFile(source.file, next);
    expect(fs.statSync(source.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(fs.readFileSync(backup, 'utf8')).equals(old)).toBe(true);
    expect(masterKey().equals(next)).toBe(true);
    expect(masterKeyId(next)).not.toBe(masterKeyId(old));
    expect(masterKeyId(next)).not.toContain(next.toString('hex').slice(0, 8));
    expect(openWith(secretsKeyOf(old), sealed, 'ctx')).toBe('kept');
  });
});
