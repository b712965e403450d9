import { mapWithConcurrency } from '@/lib/concurrency/bounded';
import type { ProbeTarget } from '@/lib/probe/redis';
import { redactedTarget } from '@/lib/probe/redis';
import { scanTarget, type ScanOptions } from './scan-target';
import type { ScanProgressListener, ScanTargetResult } from './types';

export interface ScanManyOptions extends ScanOptions {
  /** Targets probed at once (default 8). Each probe also opens a few short TLS/plain sockets. */
  concurrency?: number;
  onProgress?: ScanProgressListener;
}

/** Scans every target with bounded concurrency; results keep the input order. */
export async function scanTargets(targets: ProbeTarget[], options: ScanManyOptions): Promise<ScanTargetResult[]> {
  const total = targets.length;
  let completed = 0;
  return mapWithConcurrency(targets, Math.max(1, Math.floor(options.concurrency ?? 8)), async (target, index) => {
    options.onProgress?.({ kind: 'started', index, total, target: redactedTarget(target) });
    const result = await scanTarget(target, options);
    completed++;
    options.onProgress?.({ kind: 'finished', index, total, target: result.target, completed, status: result.status, durationMs: result.durationMs });
    return result;
  });
}
