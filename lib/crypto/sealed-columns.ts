// Every database column that holds lib/crypto/secrets output, with the associated data each value
// is sealed with. `keys rotate-encryption` re-seals exactly these; a new sealed column belongs here
// (tests/unit/sealed-columns.test.ts fails when a ciphertext column of the schema is missing).
import { totpSealContext } from '../auth/totp';
import { secretsContext } from '../cloud-scans/cloud-connection';
import type { Prisma } from '../db/client';
import { signingKeySealContext } from '../evidence/signing-key';
import { secretBinding } from '../webhooks/signature';
import { appKeySealContext } from './fingerprint-key';

type Tx = Prisma.TransactionClient;

export interface SealedValue {
  id: string;
  sealed: string;
  context: string;
}

export interface SealedColumn {
  /** "Table.column", as printed in reports. */
  name: string;
  values(tx: Tx): Promise<SealedValue[]>;
  /** Replaces one value only if it still is `from` (a concurrent change wins); false otherwise. */
  replace(tx: Tx, id: string, from: string, to: string): Promise<boolean>;
}

const changed = (result: { count: number }) => result.count === 1;

export const SEALED_COLUMNS: SealedColumn[] = [
  {
    name: 'Connection.secretCiphertext',
    values: async (tx) =>
      (await tx.connection.findMany({ where: { secretCiphertext: { not: null } }, select: { id: true, organizationId: true, name: true, secretCiphertext: true } })).map((r) => ({
        id: r.id,
        sealed: r.secretCiphertext!,
        context: secretsContext(r.organizationId, r.name),
      })),
    replace: async (tx, id, from, to) => changed(await tx.connection.updateMany({ where: { id, secretCiphertext: from }, data: { secretCiphertext: to } })),
  },
  {
    name: 'User.totpSecretCiphertext',
    values: async (tx) => (await tx.user.findMany({ where: { totpSecretCiphertext: { not: null } }, select: { id: true, totpSecretCiphertext: true } })).map((r) => ({ id: r.id, sealed: r.totpSecretCiphertext!, context: totpSealContext(r.id) })),
    replace: async (tx, id, from, to) => changed(await tx.user.updateMany({ where: { id, totpSecretCiphertext: from }, data: { totpSecretCiphertext: to } })),
  },
  {
    name: 'User.totpPendingCiphertext',
    values: async (tx) => (await tx.user.findMany({ where: { totpPendingCiphertext: { not: null } }, select: { id: true, totpPendingCiphertext: true } })).map((r) => ({ id: r.id, sealed: r.totpPendingCiphertext!, context: totpSealContext(r.id) })),
    replace: async (tx, id, from, to) => changed(await tx.user.updateMany({ where: { id, totpPendingCiphertext: from }, data: { totpPendingCiphertext: to } })),
  },
  {
    name: 'SigningKey.privateKeyCiphertext',
    values: async (tx) =>
      (await tx.signingKey.findMany({ select: { id: true, organizationId: true, fingerprint: true, privateKeyCiphertext: true } })).map((r) => ({
        id: r.id,
        sealed: r.privateKeyCiphertext,
        context: signingKeySealContext(r.organizationId, r.fingerprint),
      })),
    replace: async (tx, id, from, to) => changed(await tx.signingKey.updateMany({ where: { id, privateKeyCiphertext: from }, data: { privateKeyCiphertext: to } })),
  },
  {
    name: 'WebhookEndpoint.secretCiphertext',
    values: async (tx) =>
      (await tx.webhookEndpoint.findMany({ select: { id: true, organizationId: true, secretCiphertext: true } })).map((r) => ({ id: r.id, sealed: r.secretCiphertext, context: secretBinding(r.organizationId, r.id) })),
    replace: async (tx, id, from, to) => changed(await tx.webhookEndpoint.updateMany({ where: { id, secretCiphertext: from }, data: { secretCiphertext: to } })),
  },
  {
    name: 'AppKey.ciphertext',
    values: async (tx) => (await tx.appKey.findMany()).map((r) => ({ id: r.purpose, sealed: r.ciphertext, context: appKeySealContext(r.purpose) })),
    replace: async (tx, id, from, to) => changed(await tx.appKey.updateMany({ where: { purpose: id, ciphertext: from }, data: { ciphertext: to } })),
  },
];
