import { createHash, createHmac } from 'node:crypto';
import type { SecretFingerprint } from '@/lib/facts/common';

/**
 * Keyed fingerprints of secrets (catalog §1.6). Both plaintext secrets (requirepass, masterauth)
 * and ACL password hashes go through SHA-256 first, so `requirepass X` and an ACL user with password
 * X get the same fingerprint (Redis stores ACL passwords as hex SHA-256): equal fingerprints mean
 * equal passwords across users and instances (NET-006), and the HMAC key makes them uncrackable.
 */
export class Fingerprinter {
  constructor(private readonly key: string | Buffer) {
    if (!key || key.length < 16) throw new Error('fingerprint key must be at least 16 bytes');
  }

  /** Fingerprint of an ACL password hash (64 hex chars, with or without the leading `#`). */
  ofPasswordHash(hexHash: string): string {
    return createHmac('sha256', this.key).update(hexHash.replace(/^#/, '').toLowerCase()).digest('hex');
  }

  /** Fingerprint of a plaintext secret. */
  ofSecret(value: string): string {
    return this.ofPasswordHash(createHash('sha256').update(value).digest('hex'));
  }

  /** CONFIG GET value of a secret-bearing parameter → `{ set, fingerprint }`. */
  reduce(value: string | undefined | null): SecretFingerprint {
    return value ? { set: true, fingerprint: this.ofSecret(value) } : { set: false, fingerprint: null };
  }
}
