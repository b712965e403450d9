import type { ProbeTarget } from '@/lib/probe/redis';
import { scanTarget, type ScanOptions } from './scan-target';
import type { ScanProgressListener, ScanTargetResult } from './types';

export interface ScanManyOptions extends ScanOptions {
  /** Targets probed at once (default 8). Each probe also opens a few short TLS/plain sockets. */
  concurrency?: number;
  onProgress?: ScanProgressListener;
}

/** Scans every target with bounded concurrency; results keep the input order. */
export async function scanTargets(targets: ProbeTarget[], options: ScanManyOptions): Promise<ScanTargetResult[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const results = new Array<ScanTargetResult>(targets.length);
  let next = 0;
  let completed = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const display = `${targets[index].tls ? 'rediss' : 'redis'}://${targets[index].host}:${targets[index].port}`;
      options.onProgress?.({ kind: 'started', index, total: targets.length, target: display });
      const result = await scanTarget(targets[index], options);
      results[index] = result;
      completed++;
      options.onProgress?.({ kind: 'finished', index, total: targets.length, target: result.target, completed, status: result.status, durationMs: result.durationMs });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}
