// What the record side derives from each stored facts snapshot, inside the transaction that stores
// it: credential/key rotations (RED-ROT-*) and changes of watched settings (RED-PRC-006).
import type { FactsSnapshot } from '../controls/context';
import type { Prisma } from '../db/client';
import { detectRotations } from '../rotations/detect-rotations';
import { detectConfigChanges } from './detect-config-changes';

export interface StoredSnapshot {
  id: string;
  instanceId: string;
  collectedAt: Date;
  facts: unknown;
}

export async function afterSnapshotStored(tx: Prisma.TransactionClient, snapshot: StoredSnapshot): Promise<{ rotations: number; changes: number }> {
  const instance = await tx.instance.findUniqueOrThrow({ where: { id: snapshot.instanceId }, select: { organizationId: true } });
  const facts = snapshot.facts as FactsSnapshot;
  const input = { instanceId: snapshot.instanceId, snapshotId: snapshot.id, collectedAt: snapshot.collectedAt, facts };
  const rotations = await detectRotations(tx, { ...input, organizationId: instance.organizationId });
  const changes = await detectConfigChanges(tx, input);
  return { rotations, changes };
}
