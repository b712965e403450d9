// `scan --keyspace` progress on stderr: one live bar over every audit in flight on a terminal,
// else a line per target at each tenth (logs and CI keep a readable trail). stdout stays the report.

import type { KeyspaceProgress } from '@/lib/probe/redis';

const WIDTH = 24;
const fmt = (n: number) => n.toLocaleString('en-US');

export function keyspaceProgressReporter(write: (text: string) => void, isTTY: boolean): { update: (target: string, p: KeyspaceProgress) => void; finish: () => void } {
  const audits = new Map<string, KeyspaceProgress>();
  const lastTenth = new Map<string, number>();
  let drawn = false;

  const draw = () => {
    let scanned = 0;
    let total = 0;
    for (const p of audits.values()) {
      scanned += p.keysScanned;
      total += Math.max(p.keysTotal, p.keysScanned);
    }
    const share = total === 0 ? 1 : scanned / total;
    const filled = Math.round(share * WIDTH);
    const running = [...audits.values()].filter((p) => !p.done).length;
    write(`\r\x1b[Kkeyspace [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ${fmt(scanned)} of ${fmt(total)} keys${running > 1 ? ` (${running} audits)` : ''}`);
    drawn = true;
  };

  return {
    update(target, p) {
      audits.set(target, p);
      if (isTTY) return draw();
      const tenth = p.keysTotal === 0 ? 10 : Math.min(10, Math.floor((p.keysScanned / p.keysTotal) * 10));
      if (!p.done && tenth === (lastTenth.get(target) ?? -1)) return;
      if (p.done && lastTenth.get(target) === 11) return;
      lastTenth.set(target, p.done ? 11 : tenth);
      const percent = p.keysTotal === 0 ? 100 : Math.min(100, Math.floor((p.keysScanned / p.keysTotal) * 100));
      write(`keyspace ${target}: ${fmt(p.keysScanned)} of ${fmt(p.keysTotal)} keys (${percent}%)${p.done ? ' done' : ''}\n`);
    },
    finish() {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}
