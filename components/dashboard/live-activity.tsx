'use client';
// Live progress of long work: scan runs and evidence package builds, polled with TanStack Query
// (every 2 s while something runs, every 30 s otherwise).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { fetchJson } from '@/components/ui/fetch-json';
import type { LiveActivity as Activity } from '@/lib/posture/live-activity';

const busy = (a: Activity) => a.scans.some((s) => s.status === 'queued' || s.status === 'running') || a.packages.some((p) => p.status === 'queued' || p.status === 'building');

function Progress({ label, value, max }: { label: string; value: number; max: number }) {
  return (
    <progress className="h-2 w-32 align-middle" value={value} max={Math.max(max, 1)} aria-label={label}>
      {value} of {max}
    </progress>
  );
}

export function LiveActivity({ initial }: { initial: Activity }) {
  const query = useQuery({
    queryKey: ['live-activity'],
    queryFn: () => fetchJson<Activity>('/api/dashboard/activity'),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && busy(q.state.data) ? 2_000 : 30_000),
  });
  const activity = query.data;
  const nothing = activity.scans.length === 0 && activity.packages.length === 0;
  return (
    <section className="mb-4 rounded border border-slate-200 bg-white px-4 py-3 text-sm" aria-labelledby="activity-heading" data-testid="live-activity">
      <h2 id="activity-heading" className="font-medium">
        Scans and packages in progress
      </h2>
      {query.isError ? <p role="alert" className="text-red-800">Could not refresh progress: {query.error.message}. Showing the last known state.</p> : null}
      {nothing ? (
        <p className="mt-1 text-slate-700">
          Nothing running and nothing finished in the last hour. Start a scan from{' '}
          <Link href="/instances" className="text-sky-800 underline">
            Instances
          </Link>
          .
        </p>
      ) : (
        <ul className="mt-1 space-y-1" aria-live="polite">
          {activity.scans.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2">
              <span>
                Scan ({s.trigger}): {s.done} of {s.total} instances · {s.status}
              </span>
              {s.status === 'queued' || s.status === 'running' ? <Progress label={`Scan ${s.id} progress`} value={s.done} max={s.total} /> : null}
            </li>
          ))}
          {activity.packages.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-2">
              <span>
                Evidence package {p.period}: {p.status}
                {p.stage ? ` · ${p.stage}` : ''}
              </span>
              {p.status === 'queued' || p.status === 'building' ? <Progress label={`Package ${p.id} progress`} value={p.progress} max={100} /> : null}
              {p.status === 'ready' ? (
                <Link href="/evidence" className="text-sky-800 underline">
                  Download
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
