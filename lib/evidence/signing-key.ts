// The organisation's Ed25519 key pair that signs evidence manifests. Generated on first use; the
// private key is sealed with the app's secrets key (lib/crypto/secrets) and never leaves this
// module. Retiring a key clears `activeForOrganizationId` and keeps the row, so packages signed
// before a rotation still verify against the app's list of keys.
import crypto from 'node:crypto';
import { decryptSecret, encryptSecret } from '../crypto/secrets';
import { db } from '../db/client';

export interface PublicSigningKey {
  id: string;
  algorithm: string;
  publicKeyPem: string;
  fingerprint: string;
  active: boolean;
  createdAt: Date;
  retiredAt: Date | null;
}

const sealContext = (organizationId: string, fingerprint: string) => `signing-key:${organizationId}:${fingerprint}`;

/** "sha256:<hex>" of the DER-encoded SubjectPublicKeyInfo. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `sha256:${crypto.createHash('sha256').update(der).digest('hex')}`;
}

function toPublic(row: { id: string; algorithm: string; publicKeyPem: string; fingerprint: string; activeForOrganizationId: string | null; createdAt: Date; retiredAt: Date | null }): PublicSigningKey {
  return { id: row.id, algorithm: row.algorithm, publicKeyPem: row.publicKeyPem, fingerprint: row.fingerprint, active: row.activeForOrganizationId !== null, createdAt: row.createdAt, retiredAt: row.retiredAt };
}

export interface ActiveSigningKey extends PublicSigningKey {
  sign(data: Buffer): Buffer;
}

async function createKey(organizationId: string) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKeyPem);
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    return await db().signingKey.create({
      data: { organizationId, algorithm: 'ed25519', publicKeyPem, fingerprint, privateKeyCiphertext: encryptSecret(privatePem, sealContext(organizationId, fingerprint)), activeForOrganizationId: organizationId },
    });
  } catch (err) {
    // Another build created the organisation's key at the same moment: use theirs.
    if ((err as { code?: string }).code === 'P2002') return null;
    throw err;
  }
}

/** The organisation's active key, created on first use. */
export async function activeSigningKey(organizationId: string): Promise<ActiveSigningKey> {
  const row = (await db().signingKey.findUnique({ where: { activeForOrganizationId: organizationId } })) ?? (await createKey(organizationId)) ?? (await db().signingKey.findUniqueOrThrow({ where: { activeForOrganizationId: organizationId } }));
  const privateKey = crypto.createPrivateKey(decryptSecret(row.privateKeyCiphertext, sealContext(organizationId, row.fingerprint)));
  return { ...toPublic(row), sign: (data) => crypto.sign(null, data, privateKey) };
}

/** Every key of the organisation, newest first (the public halves only). */
export async function listSigningKeys(organizationId: string): Promise<PublicSigningKey[]> {
  const rows = await db().signingKey.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  return rows.map(toPublic);
}

export function verifySignature(publicKeyPem: string, data: Buffer, signature: Buffer): boolean {
  try {
    return crypto.verify(null, data, crypto.createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
