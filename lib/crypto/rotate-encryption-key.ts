// Re-seals every secret in the database (lib/crypto/sealed-columns) from the current master key to
// a new one, in one transaction: a crash or an error rolls everything back, so the database never
// holds a mix the app cannot read. A value that already opens with the new key is left as it is,
// so running again after an interrupted rotation (or after the commit, before the key file was
// replaced) finishes the job. The fingerprint key is stored first so it survives the change.
import { db, type Prisma } from '../db/client';
import { databaseTarget } from '../db/target';
import { fingerprintKeyIsStored, keepFingerprintKey } from './fingerprint-key';
import { masterKeyId } from './keys';
import { openWith, sealWith, secretsKeyOf } from './secrets';
import { SEALED_COLUMNS } from './sealed-columns';

export interface ColumnReport {
  column: string;
  values: number;
  /** Re-sealed under the new key (or, on a dry run, to be). */
  resealed: number;
  /** Already sealed under the new key (an earlier, interrupted run). */
  alreadyNew: number;
}

export interface RotationReport {
  dryRun: boolean;
  currentKeyId: string;
  newKeyId: string;
  /** The fingerprint key was stored by this run (on a dry run: would be). */
  fingerprintKeyStored: boolean;
  columns: ColumnReport[];
  /** Values that open with neither key ("Table.column id"): the rotation refuses to run. */
  unreadable: string[];
}

export class RotationRefused extends Error {
  constructor(readonly report: RotationReport) {
    super(`${report.unreadable.length} sealed value(s) open with neither the current nor the new key: ${report.unreadable.slice(0, 10).join(', ')}`);
  }
}

const TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 10 * 60_000 };

/**
 * PostgreSQL: no other writer may add or change a sealed value between the reads and the commit
 * (reads go on). SQLite has one writer at a time, and a write that raced the reads fails the run.
 */
async function holdSealedTables(tx: Prisma.TransactionClient) {
  if (databaseTarget().engine !== 'postgresql') return;
  const tables = [...new Set(SEALED_COLUMNS.map((c) => c.name.split('.')[0]))].map((t) => `"${t}"`);
  await tx.$executeRawUnsafe(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
}

function opens(key: Buffer, sealed: string, context: string): string | null {
  try {
    return openWith(key, sealed, context);
  } catch {
    return null;
  }
}

export async function reencryptSecrets(input: { currentMaster: Buffer; newMaster: Buffer; dryRun?: boolean }): Promise<RotationReport> {
  const currentKey = secretsKeyOf(input.currentMaster);
  const newKey = secretsKeyOf(input.newMaster);
  const dryRun = Boolean(input.dryRun);
  const run = async (tx: Prisma.TransactionClient): Promise<RotationReport> => {
    if (!dryRun) await holdSealedTables(tx);
    const fingerprintKeyStored = dryRun ? !(await fingerprintKeyIsStored(tx)) : await keepFingerprintKey(tx, input.currentMaster);
    const report: RotationReport = { dryRun, currentKeyId: masterKeyId(input.currentMaster), newKeyId: masterKeyId(input.newMaster), fingerprintKeyStored, columns: [], unreadable: [] };
    for (const column of SEALED_COLUMNS) {
      const values = await column.values(tx);
      const line: ColumnReport = { column: column.name, values: values.length, resealed: 0, alreadyNew: 0 };
      for (const value of values) {
        if (opens(newKey, value.sealed, value.context) !== null) {
          line.alreadyNew += 1;
          continue;
        }
        const plaintext = opens(currentKey, value.sealed, value.context);
        if (plaintext === null) {
          report.unreadable.push(`${column.name} ${value.id}`);
          continue;
        }
        line.resealed += 1;
        if (dryRun || report.unreadable.length > 0) continue;
        if (!(await column.replace(tx, value.id, value.sealed, sealWith(newKey, plaintext, value.context)))) {
          throw new Error(`${column.name} ${value.id} changed while it was being re-sealed: nothing was changed, run the command again`);
        }
      }
      report.columns.push(line);
    }
    // Throwing inside the transaction rolls back what was already re-sealed.
    if (report.unreadable.length > 0 && !dryRun) throw new RotationRefused(report);
    return report;
  };
  return dryRun ? run(db()) : db().$transaction(run, TRANSACTION_LIMITS);
}
