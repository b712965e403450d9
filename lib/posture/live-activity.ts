// Long work in progress (scan runs, evidence package builds) and what finished in the last hour,
// for the dashboards' live progress strip (polled by the browser).
import { db } from '../db/client';

const RECENT_MS = 60 * 60_000;
const SHOWN = 5;

export interface LiveActivity {
  scans: { id: string; trigger: string; status: string; done: number; total: number; finishedAt: string | null }[];
  packages: { id: string; status: string; progress: number; stage: string | null; period: string; finishedAt: string | null }[];
}

export async function liveActivity(organizationId: string, options: { packages: boolean }, now = new Date()): Promise<LiveActivity> {
  const since = new Date(now.getTime() - RECENT_MS);
  const [scans, packages] = await Promise.all([
    db().scanRun.findMany({
      where: { organizationId, OR: [{ status: { in: ['queued', 'running'] } }, { finishedAt: { gte: since } }] },
      orderBy: { createdAt: 'desc' },
      take: SHOWN,
      select: { id: true, trigger: true, status: true, progressDone: true, progressTotal: true, finishedAt: true },
    }),
    options.packages
      ? db().evidencePackage.findMany({
          where: { organizationId, OR: [{ status: { in: ['queued', 'building'] } }, { finishedAt: { gte: since } }] },
          orderBy: { createdAt: 'desc' },
          take: SHOWN,
          select: { id: true, status: true, progress: true, stage: true, periodFrom: true, periodTo: true, finishedAt: true },
        })
      : Promise.resolve([]),
  ]);
  return {
    scans: scans.map((s) => ({ id: s.id, trigger: s.trigger, status: s.status, done: s.progressDone, total: s.progressTotal, finishedAt: s.finishedAt?.toISOString() ?? null })),
    packages: packages.map((p) => ({
      id: p.id,
      status: p.status,
      progress: p.progress,
      stage: p.stage,
      period: `${p.periodFrom.toISOString().slice(0, 10)} to ${new Date(p.periodTo.getTime() - 1).toISOString().slice(0, 10)}`,
      finishedAt: p.finishedAt?.toISOString() ?? null,
    })),
  };
}
