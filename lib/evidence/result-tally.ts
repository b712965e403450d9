// Counts of results per instance × control × status over the period, and each pair's state at
// the end of the period (its latest result). Fed row by row while the results stream past, so
// memory grows with instances × controls, never with the number of results.
import { CONTROL_STATUSES, type ControlStatus } from '../controls/types';
import { emptyCounts as emptyStatusCounts, type StatusCounts } from '../posture/status-counts';

export type { StatusCounts };

/** Catalog §1.2: pass / (pass + fail + error + not_assessable); null when nothing was assessed. */
export function postureScore(counts: StatusCounts): number | null {
  const assessed = counts.pass + counts.fail + counts.error + counts.not_assessable;
  return assessed === 0 ? null : counts.pass / assessed;
}

export interface ControlTally {
  counts: StatusCounts;
  latest: ControlStatus;
  latestAt: Date;
}

export interface InstanceTally {
  results: number;
  snapshots: number;
  firstAt: Date | null;
  lastAt: Date | null;
  scanRuns: Set<string>;
  controls: Map<string, ControlTally>;
}

export class ResultTally {
  readonly instances = new Map<string, InstanceTally>();

  private instance(instanceId: string): InstanceTally {
    let t = this.instances.get(instanceId);
    if (!t) {
      t = { results: 0, snapshots: 0, firstAt: null, lastAt: null, scanRuns: new Set(), controls: new Map() };
      this.instances.set(instanceId, t);
    }
    return t;
  }

  addResult(instanceId: string, r: { controlId: string; status: string; evaluatedAt: Date; scanRunId: string }): void {
    const status = (CONTROL_STATUSES as readonly string[]).includes(r.status) ? (r.status as ControlStatus) : 'error';
    const t = this.instance(instanceId);
    t.results += 1;
    t.scanRuns.add(r.scanRunId);
    if (!t.firstAt || r.evaluatedAt < t.firstAt) t.firstAt = r.evaluatedAt;
    if (!t.lastAt || r.evaluatedAt > t.lastAt) t.lastAt = r.evaluatedAt;
    const c = t.controls.get(r.controlId);
    if (!c) t.controls.set(r.controlId, { counts: { ...emptyStatusCounts(), [status]: 1 }, latest: status, latestAt: r.evaluatedAt });
    else {
      c.counts[status] += 1;
      // Results arrive oldest first; ties keep the later row of the stable order.
      if (r.evaluatedAt >= c.latestAt) {
        c.latest = status;
        c.latestAt = r.evaluatedAt;
      }
    }
  }

  addSnapshot(instanceId: string): void {
    this.instance(instanceId).snapshots += 1;
  }

  get(instanceId: string): InstanceTally | undefined {
    return this.instances.get(instanceId);
  }

  /** Period counts and end-of-period states of one control summed over the given instances. */
  control(controlId: string, instanceIds: readonly string[]): { counts: StatusCounts; atEnd: StatusCounts; withoutResult: number } {
    const counts = emptyStatusCounts();
    const atEnd = emptyStatusCounts();
    let withoutResult = 0;
    for (const id of instanceIds) {
      const c = this.instances.get(id)?.controls.get(controlId);
      if (!c) {
        withoutResult += 1;
        continue;
      }
      for (const s of CONTROL_STATUSES) counts[s] += c.counts[s];
      atEnd[c.latest] += 1;
    }
    return { counts, atEnd, withoutResult };
  }
}
