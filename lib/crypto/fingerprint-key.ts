// The HMAC key of secret fingerprints in facts snapshots. It must not change with the master key:
// rotation detection and the facts diff compare fingerprints across snapshots, and evidence
// already exported holds them — a new key would make every credential look rotated. Until the
// first master-key rotation it is derived from the master key (as it always was); the rotation
// stores that same key, sealed, as AppKey "fingerprint", and from then on it is read from there.
import { db, type Db } from '../db/client';
import { derivedKeyFrom, masterKey } from './keys';
import { decryptSecret, sealWith, secretsKeyOf } from './secrets';

type Client = Pick<Db, 'appKey'>;

const FINGERPRINT_KEY_PURPOSE = 'fingerprint';
export const appKeySealContext = (purpose: string) => `app-key:${purpose}`;

export async function fingerprintKeyIsStored(client: Client = db()): Promise<boolean> {
  return (await client.appKey.count({ where: { purpose: FINGERPRINT_KEY_PURPOSE } })) > 0;
}

export async function fingerprintKey(client: Client = db()): Promise<Buffer> {
  const row = await client.appKey.findUnique({ where: { purpose: FINGERPRINT_KEY_PURPOSE } });
  return row ? Buffer.from(decryptSecret(row.ciphertext, appKeySealContext(row.purpose)), 'base64') : derivedKeyFrom(masterKey(), 'fingerprint');
}

/**
 * Before the master key changes: stores the fingerprint key derived from `currentMaster`, sealed
 * under it (the rotation then re-seals it like every other secret). Does nothing once stored.
 */
export async function keepFingerprintKey(client: Client, currentMaster: Buffer): Promise<boolean> {
  if (await fingerprintKeyIsStored(client)) return false;
  const key = derivedKeyFrom(currentMaster, 'fingerprint').toString('base64');
  await client.appKey.create({ data: { purpose: FINGERPRINT_KEY_PURPOSE, ciphertext: sealWith(secretsKeyOf(currentMaster), key, appKeySealContext(FINGERPRINT_KEY_PURPOSE)) } });
  return true;
}
