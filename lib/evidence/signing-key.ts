// The organisation's Ed25519 key pair that signs evidence manifests. Generated on first use; the
// private key is sealed with the app's secrets key (lib/crypto/secrets) and never leaves this
// module. Rotating retires the active key (clears `activeForOrganizationId`, sets `retiredAt`) and
// keeps the row, so packages signed before a rotation still verify against the app's list of keys.
import crypto from 'node:crypto';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { decryptSecret, encryptSecret } from '../crypto/secrets';
import { db, type Prisma } from '../db/client';

export interface PublicSigningKey {
  id: string;
  algorithm: string;
  publicKeyPem: string;
  fingerprint: string;
  active: boolean;
  createdAt: Date;
  retiredAt: Date | null;
}

/** Associated data that binds a sealed private key to its organisation and public key. */
export const signingKeySealContext = (organizationId: string, fingerprint: string) => `signing-key:${organizationId}:${fingerprint}`;

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

function newKeyRow(organizationId: string) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKeyPem);
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { organizationId, algorithm: 'ed25519', publicKeyPem, fingerprint, privateKeyCiphertext: encryptSecret(privatePem, signingKeySealContext(organizationId, fingerprint)), activeForOrganizationId: organizationId };
}

async function createKey(organizationId: string) {
  try {
    return await db().signingKey.create({ data: newKeyRow(organizationId) });
  } catch (err) {
    // Another build created the organisation's key at the same moment: use theirs.
    if ((err as { code?: string }).code === 'P2002') return null;
    throw err;
  }
}

/** The organisation's active key, created on first use. */
export async function activeSigningKey(organizationId: string): Promise<ActiveSigningKey> {
  const row = (await db().signingKey.findUnique({ where: { activeForOrganizationId: organizationId } })) ?? (await createKey(organizationId)) ?? (await db().signingKey.findUniqueOrThrow({ where: { activeForOrganizationId: organizationId } }));
  const privateKey = crypto.createPrivateKey(decryptSecret(row.privateKeyCiphertext, signingKeySealContext(organizationId, row.fingerprint)));
  return { ...toPublic(row), sign: (data) => crypto.sign(null, data, privateKey) };
}

/** Every key of the organisation, newest first (the public halves only). */
export async function listSigningKeys(organizationId: string): Promise<PublicSigningKey[]> {
  const rows = await db().signingKey.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  return rows.map(toPublic);
}

export interface SigningKeyRotation {
  retired: PublicSigningKey | null;
  active: PublicSigningKey;
}

/**
 * Retires the organisation's active key (if it has one) and makes a new one active, in one
 * transaction; packages built afterwards are signed with the new key, older ones still verify.
 */
export async function rotateSigningKey(actor: AuditActor, organizationId: string, via: 'app' | 'cli'): Promise<SigningKeyRotation> {
  const rotation = await db().$transaction(async (tx: Prisma.TransactionClient) => {
    const current = await tx.signingKey.findUnique({ where: { activeForOrganizationId: organizationId } });
    const retired = current ? await tx.signingKey.update({ where: { id: current.id }, data: { activeForOrganizationId: null, retiredAt: new Date() } }) : null;
    const active = await tx.signingKey.create({ data: newKeyRow(organizationId) });
    return { retired: retired && toPublic(retired), active: toPublic(active) };
  });
  await recordAudit(actor, {
    action: 'evidence.signing-key.rotate',
    targetType: 'signing-key',
    targetId: rotation.active.id,
    outcome: 'success',
    detail: { via, retired: rotation.retired?.fingerprint ?? null, active: rotation.active.fingerprint },
  });
  return rotation;
}

export function verifySignature(publicKeyPem: string, data: Buffer, signature: Buffer): boolean {
  try {
    return crypto.verify(null, data, crypto.createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
