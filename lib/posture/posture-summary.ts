// Organisation-wide posture from each instance's latest assessment (catalog §1.2 score:
// pass / (pass + fail + error + not_assessable); not_applicable is excluded).
import { emptyCounts, listInstances, type StatusCounts } from '../inventory/list-instances';

export interface PostureSummary {
  instances: number;
  assessed: number;
  byPlatform: Record<string, number>;
  counts: StatusCounts;
  score: number | null;
}

export function postureScore(counts: StatusCounts): number | null {
  const denominator = counts.pass + counts.fail + counts.error + counts.not_assessable;
  return denominator === 0 ? null : counts.pass / denominator;
}

export async function postureSummary(organizationId: string): Promise<PostureSummary> {
  const rows = await listInstances(organizationId);
  const active = rows.filter((r) => !r.goneAt);
  const counts = emptyCounts();
  const byPlatform: Record<string, number> = {};
  for (const r of active) {
    byPlatform[r.platform] = (byPlatform[r.platform] ?? 0) + 1;
    if (r.counts) for (const [status, n] of Object.entries(r.counts)) counts[status as keyof StatusCounts] += n;
  }
  return { instances: active.length, assessed: active.filter((r) => r.counts).length, byPlatform, counts, score: postureScore(counts) };
}
