// The controls failing on the most instances, from one day's per-control rollup.
import { controlMeta, isControlId } from '../controls/catalog';
import { postureScore, type StatusCounts } from './status-counts';

export interface FailingControl {
  controlId: string;
  title: string;
  severity: string;
  fail: number;
  notAssessed: number;
  score: number | null;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function topFailingControls(byControl: Map<string, StatusCounts>, limit = 10): FailingControl[] {
  return [...byControl.entries()]
    .filter(([, c]) => c.fail > 0)
    .map(([controlId, c]) => {
      const meta = isControlId(controlId) ? controlMeta(controlId) : null;
      return { controlId, title: meta?.title ?? controlId, severity: meta?.severity ?? 'unknown', fail: c.fail, notAssessed: c.error + c.not_assessable, score: postureScore(c) };
    })
    .sort((a, b) => b.fail - a.fail || (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || a.controlId.localeCompare(b.controlId))
    .slice(0, limit);
}
