// Control results and facts snapshots of one instance in the period, page by page (bounded
// memory however long the period), in a stable order the indexes serve without sorting: results
// by control, then time; snapshots by time. (Results in time order made SQLite sort the
// instance's whole history again for every page.)
import { db } from '../../db/client';
import type { EvidencePeriod } from '../period';

const RESULT_PAGE = 2000;
const SNAPSHOT_PAGE = 25;

export interface ResultRow {
  id: string;
  scanRunId: string;
  snapshotId: string | null;
  controlId: string;
  status: string;
  severity: string;
  observed: unknown;
  expected: string;
  reason: string | null;
  dependsOn: string | null;
  evidenceRefs: unknown;
  evaluatedAt: Date;
}

export interface SnapshotRow {
  id: string;
  scanRunId: string;
  platform: string;
  collectedAt: Date;
  sha256: string;
  facts: unknown;
}

export async function* resultPages(instanceId: string, period: EvidencePeriod): AsyncGenerator<ResultRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page: ResultRow[] = await db().controlResult.findMany({
      where: { instanceId, evaluatedAt: { gte: period.start, lt: period.endExclusive } },
      orderBy: [{ controlId: 'asc' }, { evaluatedAt: 'asc' }, { id: 'asc' }],
      take: RESULT_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, scanRunId: true, snapshotId: true, controlId: true, status: true, severity: true, observed: true, expected: true, reason: true, dependsOn: true, evidenceRefs: true, evaluatedAt: true },
    });
    if (page.length) yield page;
    if (page.length < RESULT_PAGE) return;
    cursor = page[page.length - 1].id;
  }
}

export async function* snapshotPages(instanceId: string, period: EvidencePeriod): AsyncGenerator<SnapshotRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page: SnapshotRow[] = await db().factsSnapshot.findMany({
      where: { instanceId, collectedAt: { gte: period.start, lt: period.endExclusive } },
      orderBy: [{ collectedAt: 'asc' }, { id: 'asc' }],
      take: SNAPSHOT_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, scanRunId: true, platform: true, collectedAt: true, sha256: true, facts: true },
    });
    if (page.length) yield page;
    if (page.length < SNAPSHOT_PAGE) return;
    cursor = page[page.length - 1].id;
  }
}
