'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import type { StartScanState } from '@/app/(app)/instances/actions';

interface Progress {
  status: string;
  done: number;
  total: number;
  errors: { instance: string; error: string }[];
  /** Keyspace audits in flight (large instances take a while: show how far they are). */
  keyspace?: { instanceId: string; name: string; keysScanned: number; keysTotal: number }[];
}

const count = (n: number) => n.toLocaleString('en-US');

const FINISHED = new Set(['succeeded', 'partial', 'failed']);

export function ScanNowButton({ instanceIds, label = 'Scan now', start }: { instanceIds?: string[]; label?: string; start: (input: unknown) => Promise<StartScanState> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [runId, setRunId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    const poll = async () => {
      const response = await fetch(`/api/scan-runs/${runId}`, { cache: 'no-store' });
      if (stopped) return;
      if (!response.ok) {
        setError((await response.json().catch(() => ({}))).error ?? 'Lost track of the scan.');
        return;
      }
      const next = (await response.json()) as Progress;
      setProgress(next);
      if (FINISHED.has(next.status)) {
        setRunId(null);
        router.refresh();
      } else setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [runId, router]);

  const running = pending || runId !== null;
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        disabled={running}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            setProgress(null);
            const result = await start(instanceIds ? { instanceIds } : {});
            if (result.ok) setRunId(result.runId);
            else setError(result.error);
          })
        }
        className="self-start rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60"
      >
        {running ? 'Scanning…' : label}
      </button>
      {progress ? (
        <div className="text-sm" aria-live="polite">
          <progress className="w-64" max={progress.total} value={progress.done} aria-label="Scan progress" />
          <span className="ml-2" data-testid="scan-progress">
            {progress.done} of {progress.total} instance{progress.total === 1 ? '' : 's'} scanned · {progress.status}
          </span>
          {progress.keyspace?.length ? (
            <ul className="mt-1 text-slate-700" data-testid="keyspace-progress">
              {progress.keyspace.map((k) => (
                <li key={k.instanceId}>
                  {k.name} — keyspace: {count(k.keysScanned)} of {count(k.keysTotal)} keys
                </li>
              ))}
            </ul>
          ) : null}
          {progress.errors.length ? (
            <ul className="mt-1 list-disc pl-5 text-amber-900">
              {progress.errors.map((e) => (
                <li key={e.instance}>
                  {e.instance}: {e.error}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
