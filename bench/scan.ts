// Scan throughput: 50 real redis-server instances (hardened posture: TLS + mTLS + ACL) scanned at
// once with bounded concurrency, against one instance scanned alone in the same run.
// Last line: {"bench":"scan","instances":50,"seconds":…,"single_seconds":…,"ratio":…,"peak_rss_mb":…,"target":3}

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_THRESHOLDS } from '@/lib/controls/thresholds';
import type { ProbeTarget } from '@/lib/probe/redis';
import { createPki, startSandbox, type Pki, type StartedSandbox } from '@/lib/redis-sandbox';
import { scanTargets } from '@/lib/scan';

const INSTANCES = 50;
const CONCURRENCY = 16;
const TARGET_RATIO = 3;

function targetOf(s: StartedSandbox): ProbeTarget {
  const pem = (f?: string) => (f ? readFileSync(f, 'utf8') : undefined);
  return {
    host: '127.0.0.1',
    port: s.port,
    tls: true,
    username: s.scanner!.name,
    password: s.scanner!.password,
    ca: pem(s.caFile),
    cert: pem(s.certFile),
    key: pem(s.keyFile),
  };
}

/** The fleet shares one organisation CA and scanner certificate, as a real estate would. */
async function startMany(n: number, pki: Pki): Promise<StartedSandbox[]> {
  const out: StartedSandbox[] = [];
  for (let i = 0; i < n; i += 10) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => startSandbox('hardened', { pki })))));
  }
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - t) / 1e9];
}

async function main() {
  const pkiDir = await mkdtemp(path.join(os.tmpdir(), 'bench-scan-pki-'));
  const sandboxes = await startMany(INSTANCES + 1, await createPki(pkiDir));
  try {
    const options = { thresholds: DEFAULT_THRESHOLDS, fingerprintKey: 'bench-fingerprint-key-0123456789', concurrency: CONCURRENCY, targetTimeoutMs: 60_000 };
    const [alone, ...fleet] = sandboxes.map(targetOf);
    // Warm-up (module loading, JIT, TLS contexts) so that neither measurement pays for it.
    await scanTargets([alone], options);
    // The single-instance figure is the median of five runs (one run of ~50 ms is noisy).
    const singles: [Awaited<ReturnType<typeof scanTargets>>, number][] = [];
    for (let i = 0; i < 5; i++) singles.push(await timed(() => scanTargets([alone], options)));
    const singleSeconds = singles.map(([, s]) => s).sort((a, b) => a - b)[2];
    const single = singles.flatMap(([r]) => r);
    const cpuBefore = process.cpuUsage();
    const [many, seconds] = await timed(() => scanTargets(fleet, options));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerTarget = (cpu.user + cpu.system) / 1000 / INSTANCES;
    const errors = [...single, ...many].filter((r) => r.status !== 'ok');
    if (errors.length > 0) throw new Error(`${errors.length} scans failed: ${errors[0].error}`);
    const ratio = seconds / singleSeconds;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`single instance (median of 5): ${singleSeconds.toFixed(3)} s`);
    console.log(`${INSTANCES} instances at once (concurrency ${CONCURRENCY}): ${seconds.toFixed(3)} s (${(seconds / INSTANCES * 1000).toFixed(1)} ms per instance)`);
    console.log(`ratio: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}); peak RSS of the scanner: ${peakRssMb.toFixed(0)} MB`);
    // Why the ratio is what it is: on loopback a scan waits for nothing, so its wall time is its CPU
    // time, and 50 scans need 50 × that CPU (plus the servers' own) on the machine's cores.
    console.log(`scanner CPU per target: ${cpuMsPerTarget.toFixed(1)} ms; ${os.cpus().length} cores shared with the ${INSTANCES} servers`);
    console.log(
      JSON.stringify({
        bench: 'scan',
        instances: INSTANCES,
        seconds: Number(seconds.toFixed(3)),
        single_seconds: Number(singleSeconds.toFixed(3)),
        ratio: Number(ratio.toFixed(2)),
        peak_rss_mb: Number(peakRssMb.toFixed(1)),
        target: TARGET_RATIO,
      }),
    );
  } finally {
    await Promise.all(sandboxes.map((s) => s.stop()));
    await rm(pkiDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
