// Turns an inventoried self-hosted instance into the scanner's target input, decrypting its
// secrets only in memory for the duration of the scan.
import { selfTargetConfigSchema } from '../connections/self-target';
import { decryptSecrets } from '../crypto/secrets';
import type { ScanTargetInput } from '../scan';

export interface ConnectionRow {
  organizationId: string;
  name: string;
  kind: string;
  config: unknown;
  secretCiphertext: string | null;
}

export function targetInputFor(connection: ConnectionRow): ScanTargetInput {
  if (connection.kind !== 'self') throw new Error(`connection ${connection.name} is a ${connection.kind} account, not a self-hosted target`);
  const config = selfTargetConfigSchema.parse(connection.config);
  const secrets = connection.secretCiphertext ? decryptSecrets(connection.secretCiphertext, `connection:${connection.organizationId}:${connection.name}`) : {};
  return {
    url: config.url,
    user: config.user,
    ca: config.ca,
    cert: config.cert,
    key: secrets.keyPem ?? config.key,
    password: secrets.password,
    servername: config.servername,
    replicas: config.replicas,
  };
}
