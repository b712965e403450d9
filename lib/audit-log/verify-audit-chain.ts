// Walks the audit log in order and reports the first broken link: an edited entry (its hash no
// longer matches its content), a deleted or inserted entry (a gap in seq, or prevHash that does not
// match the previous entry's hash). After retention purges it starts from the latest anchor
// (lib/audit-log/purge-audit-log.ts), whose purge must itself be recorded in the remaining chain.
import { db } from '../db/client';
import { entryHash } from './chain';

export interface PurgedRange {
  /** Entries 1…throughSeq were removed by `purges` retention purges, the last one at lastPurgeAt. */
  throughSeq: number;
  purges: number;
  lastPurgeAt: string;
}

export type ChainVerdict =
  | { ok: true; entries: number; lastHash: string | null; purged: PurgedRange | null }
  | { ok: false; entries: number; brokenAt: number; reason: string; purged: PurgedRange | null };

export type WalkResult = { ok: true; entries: number; lastHash: string | null } | { ok: false; entries: number; brokenAt: number; reason: string };

export interface ChainStart {
  seq: number;
  prevHash: string | null;
}

const BATCH = 1000;

/** Checks entries start.seq… in order (through `throughSeq` when given, else to the head). */
export async function walkChain(start: ChainStart, throughSeq?: number): Promise<WalkResult> {
  let expectedSeq = start.seq;
  let prevHash = start.prevHash;
  let checked = 0;
  for (;;) {
    const seq = throughSeq === undefined ? { gte: expectedSeq } : { gte: expectedSeq, lte: throughSeq };
    const batch = await db().auditLogEntry.findMany({ where: { seq }, orderBy: { seq: 'asc' }, take: BATCH });
    if (batch.length === 0) {
      if (throughSeq !== undefined && expectedSeq <= throughSeq) return { ok: false, entries: checked, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      return { ok: true, entries: checked, lastHash: prevHash };
    }
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

interface Anchor {
  id: string;
  firstSeq: number;
  lastSeq: number;
  lastHash: string;
  count: number;
}

/** The anchors must cover 1…n without gaps; the first problem, if any. */
function anchorGap(anchors: Anchor[]): { brokenAt: number; reason: string } | null {
  let next = 1;
  for (const a of anchors) {
    if (a.firstSeq !== next || a.count !== a.lastSeq - a.firstSeq + 1) return { brokenAt: next, reason: `the purge anchors do not cover entries ${next}–${a.lastSeq} exactly once` };
    next = a.lastSeq + 1;
  }
  return null;
}

/** The latest purge must be recorded, with the same range and hash, by an entry that remains. */
async function unrecordedPurge(anchor: Anchor): Promise<string | null> {
  const entry = await db().auditLogEntry.findFirst({ where: { action: 'audit-log.purge', targetId: anchor.id }, select: { detail: true } });
  const detail = (entry?.detail ?? null) as { lastSeq?: number; lastHash?: string } | null;
  if (detail?.lastSeq === anchor.lastSeq && detail.lastHash === anchor.lastHash) return null;
  return `the purge of entries ${anchor.firstSeq}–${anchor.lastSeq} is not recorded in the log (no matching audit-log.purge entry)`;
}

export async function verifyAuditChain(): Promise<ChainVerdict> {
  const anchors = await db().auditLogAnchor.findMany({ orderBy: { lastSeq: 'asc' } });
  const latest = anchors.at(-1);
  const purged = latest ? { throughSeq: latest.lastSeq, purges: anchors.length, lastPurgeAt: latest.purgedAt.toISOString() } : null;
  const broken = (brokenAt: number, reason: string): ChainVerdict => ({ ok: false, entries: 0, brokenAt, reason, purged });
  const gap = anchorGap(anchors);
  if (gap) return broken(gap.brokenAt, gap.reason);
  if (latest) {
    const stray = await db().auditLogEntry.findFirst({ where: { seq: { lte: latest.lastSeq } }, orderBy: { seq: 'asc' }, select: { seq: true } });
    if (stray) return broken(stray.seq, `entry ${stray.seq} lies in the purged range 1–${latest.lastSeq}`);
  }
  const walk = await walkChain(latest ? { seq: latest.lastSeq + 1, prevHash: latest.lastHash } : { seq: 1, prevHash: null });
  if (!walk.ok) return { ...walk, purged };
  const unrecorded = latest ? await unrecordedPurge(latest) : null;
  if (unrecorded && latest) return { ok: false, entries: walk.entries, brokenAt: latest.lastSeq + 1, reason: unrecorded, purged };
  return { ...walk, purged };
}
