// The audit log's hash chain: hash(n) = SHA-256 over entry n's content and hash(n-1).
import crypto from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface ChainedContent {
  seq: number;
  prevHash: string | null;
  organizationId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: unknown;
  at: Date;
}

export function entryHash(entry: ChainedContent): string {
  // Exactly these fields (a stored row also has id and hash, which are not content).
  const content = {
    seq: entry.seq,
    prevHash: entry.prevHash,
    organizationId: entry.organizationId,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    at: entry.at.toISOString(),
  };
  return crypto.createHash('sha256').update(canonicalJson(content)).digest('hex');
}
