// Live keyspace progress of a scan run: the audits in flight (keys scanned of the keys counted at
// their start), written to ScanRun.progressDetail at most once a second so the Scan now button can
// show "keyspace: N of M keys" while a large instance is audited.
import type { KeyspaceProgress } from '../probe/redis';
import { db } from '../db/client';

export interface KeyspaceProgressEntry {
  instanceId: string;
  name: string;
  keysScanned: number;
  keysTotal: number;
}

export interface ScanRunProgressDetail {
  keyspace: KeyspaceProgressEntry[];
}

const WRITE_EVERY_MS = 1000;

export function keyspaceProgressRecorder(runId: string) {
  const inFlight = new Map<string, KeyspaceProgressEntry>();
  let lastWrite = 0;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<unknown> = Promise.resolve();

  const write = () => {
    timer = null;
    lastWrite = Date.now();
    const detail: ScanRunProgressDetail = { keyspace: [...inFlight.values()] };
    // Serialized, and never allowed to fail the scan: progress is a courtesy, the results are not.
    writing = writing.then(() => db().scanRun.update({ where: { id: runId }, data: { progressDetail: detail as object } }).catch(() => undefined));
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(write, Math.max(0, lastWrite + WRITE_EVERY_MS - Date.now()));
  };

  return {
    update(instanceId: string, name: string, p: KeyspaceProgress) {
      if (p.done) inFlight.delete(instanceId);
      else inFlight.set(instanceId, { instanceId, name, keysScanned: p.keysScanned, keysTotal: p.keysTotal });
      schedule();
    },
    /** The instance is done (stored or failed): its audit leaves the list. */
    finish(instanceId: string) {
      if (inFlight.delete(instanceId)) schedule();
    },
    /** Clears the detail once the run is over. */
    async close() {
      if (timer) clearTimeout(timer);
      inFlight.clear();
      write();
      await writing;
    },
  };
}
