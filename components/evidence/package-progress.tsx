'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

interface Progress {
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
}

const FINISHED = new Set(['ready', 'failed']);

/** Polls a building package and refreshes the page when it is ready or has failed. */
export function PackageProgress({ packageId, initial }: { packageId: string; initial: Progress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [lost, setLost] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const response = await fetch(`/api/evidence/${packageId}`, { cache: 'no-store' });
      if (stopped) return;
      if (!response.ok) {
        setLost((await response.json().catch(() => ({}))).error ?? 'Lost track of the build.');
        return;
      }
      const next = (await response.json()) as Progress;
      setProgress(next);
      if (FINISHED.has(next.status)) router.refresh();
      else setTimeout(poll, 1000);
    };
    const timer = setTimeout(poll, 500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [packageId, router]);

  return (
    <div className="text-sm" aria-live="polite">
      <progress className="w-32" max={100} value={progress.progress} aria-label="Build progress" />
      <span className="ml-2" data-testid="package-progress">
        {progress.progress} % · {progress.stage ?? progress.status}
      </span>
      {lost ? <p className="text-amber-900">{lost}</p> : null}
    </div>
  );
}
