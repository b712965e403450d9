// Walks the whole audit log in order and reports the first broken link: an edited entry (its hash
// no longer matches its content), a deleted or inserted entry (a gap in seq, or prevHash that does
// not match the previous entry's hash).
import { db } from '../db/client';
import { entryHash } from './chain';

export type ChainVerdict =
  | { ok: true; entries: number; lastHash: string | null }
  | { ok: false; entries: number; brokenAt: number; reason: string };

const BATCH = 1000;

export async function verifyAuditChain(): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash: string | null = null;
  let checked = 0;
  for (;;) {
    const batch = await db().auditLogEntry.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: 'asc' }, take: BATCH });
    if (batch.length === 0) return { ok: true, entries: checked, lastHash: prevHash };
    for (const e of batch) {
      if (e.seq !== expectedSeq) return { ok: false, entries: checked, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing (next entry is ${e.seq})` };
      if (e.prevHash !== prevHash) return { ok: false, entries: checked, brokenAt: e.seq, reason: `entry ${e.seq} does not link to entry ${e.seq - 1} (prevHash differs)` };
      const recomputed = entryHash({ ...e, detail: e.detail ?? null });
      if (recomputed !== e.hash) return { ok: false, entries: checked, brokenAt: e.seq, reason: `entry ${e.seq} was altered (its content no longer matches its hash)` };
      prevHash = e.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
