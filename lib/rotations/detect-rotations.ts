// Rotation detection after a snapshot is stored: each credential the snapshot shows is compared with
// its last known state (the previous snapshot that showed it), and a change that reads as a rotation
// becomes a Rotation row. Comparing with the last known state rather than only the immediately
// previous snapshot keeps a rotation visible when a scan in between could not read the ACL.
import type { FactsSnapshot } from '../controls/context';
import type { Prisma } from '../db/client';
import { isRotation, observedCredentials, type ObservedCredential } from './credentials';

type Tx = Prisma.TransactionClient;

export interface DetectRotationsInput {
  organizationId: string;
  instanceId: string;
  snapshotId: string;
  collectedAt: Date;
  facts: FactsSnapshot;
}

interface StateDetails {
  members: string[];
  count: number | null;
}

function detailsOf(credential: ObservedCredential): StateDetails {
  return { members: credential.members, count: credential.count };
}

/** Writes Rotation rows for rotations seen in this snapshot; returns how many. */
export async function detectRotations(tx: Tx, input: DetectRotationsInput): Promise<number> {
  const at = input.collectedAt;
  let detected = 0;
  for (const credential of observedCredentials(input.facts)) {
    const key = { instanceId: input.instanceId, kind: credential.kind, subject: credential.subject };
    const state = await tx.credentialState.findUnique({ where: { instanceId_kind_subject: key } });
    const notAfter = credential.notAfter ? new Date(credential.notAfter) : null;
    if (!state) {
      await tx.credentialState.create({
        data: { ...key, digest: credential.digest, notAfter, firstSeenAt: at, digestSince: at, lastSeenAt: at, details: detailsOf(credential) as object },
      });
      continue;
    }
    // A resumed or late run must not move the state backwards.
    if (state.lastSeenAt > at) continue;
    const previous = state.details as unknown as StateDetails;
    const rotated = isRotation({ digest: state.digest, members: previous.members ?? [], count: previous.count ?? null }, credential);
    if (rotated) {
      detected += 1;
      await tx.rotation.create({
        data: {
          organizationId: input.organizationId,
          instanceId: input.instanceId,
          snapshotId: input.snapshotId,
          kind: credential.kind,
          subject: credential.subject,
          detectedFrom: 'facts',
          rotatedAt: credential.changedAt ? new Date(credential.changedAt) : at,
          previousFingerprint: state.digest,
          newFingerprint: credential.digest,
          notAfter,
        },
      });
    }
    await tx.credentialState.update({
      where: { id: state.id },
      data: {
        digest: credential.digest,
        notAfter,
        lastSeenAt: at,
        details: detailsOf(credential) as object,
        ...(rotated ? { digestSince: credential.changedAt ? new Date(credential.changedAt) : at } : {}),
      },
    });
  }
  return detected;
}
