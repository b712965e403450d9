// Verification in the app: an uploaded package is checked against every key the organisation has
// had (active and retired), so packages signed before a rotation still verify.
import { listSigningKeys } from './signing-key';
import { verifyPackage, type TrustedKey, type VerificationReport } from './verify-package';

export async function organizationTrustedKeys(organizationId: string): Promise<TrustedKey[]> {
  return (await listSigningKeys(organizationId)).map((k) => ({ fingerprint: k.fingerprint, label: `this organisation's ${k.active ? 'active' : `retired (${k.retiredAt?.toISOString().slice(0, 10)})`} key of ${k.createdAt.toISOString().slice(0, 10)}` }));
}

export async function verifyForOrganization(organizationId: string, zipFile: string): Promise<VerificationReport> {
  return verifyPackage(zipFile, await organizationTrustedKeys(organizationId));
}
