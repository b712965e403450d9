// Keyspace audit throughput: a spawned redis-server seeded with KEYSPACE_BENCH_KEYS (default
// 1,000,000) keys of mixed classes and TTLs; the seed guide's loop (SCAN COUNT 100, then one awaited
// TTL per key, ioredis) as the baseline, against the streaming audit, in the same bench run; the
// audit runs in a child process of its own so that its peak RSS is measured alone.
// Last line: {"bench":"keyspace","keys":…,"baseline_keys_per_s":…,"keys_per_s":…,"ratio":…,"peak_rss_mb":…,"target":40}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type Redis from 'ioredis';
import { DEFAULT_KEY_CLASSES } from '@/lib/controls/thresholds';
import type { KeyspaceAudit } from '@/lib/facts/common';
import { auditKeyspace } from '@/lib/probe/redis/keyspace';
import { connectSandbox, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';

const KEYS = Number(process.env.KEYSPACE_BENCH_KEYS ?? 1_000_000);
const TARGET_RATIO = 40;
/** The baseline needs ~75 s for 1M keys; its rate is steady, so a bounded share of the keyspace measures it. */
const BASELINE_SECONDS = Number(process.env.KEYSPACE_BENCH_BASELINE_SECONDS ?? 15);
const AUDIT_RUNS = 3;
/** Not counted: the first pass after seeding also pays for the server's incremental rehash and the client's JIT warm-up. */
const WARMUP_RUNS = 1;

/** One SET per key, as RESP, in the mix the audit classifies: ~1/4 sessions, PHI cache, rate limits, queues, flags, unclassified. */
function seedCommand(i: number): string {
  const hex = (i * 2654435761 >>> 0).toString(16).padStart(8, '0');
  let key: string;
  let ttl: number | null;
  switch (i % 20) {
    case 0: case 1: case 2: case 3: case 4:
      [key, ttl] = [`session:a${hex}${hex}`, 900];
      break;
    case 5:
      [key, ttl] = [`session:a${hex}${hex}`, null]; // DATA-001 violation
      break;
    case 6: case 7:
      [key, ttl] = [`phi:${i}`, 240];
      break;
    case 8:
      [key, ttl] = [`phi:${i}`, 86_400]; // DATA-002 violation
      break;
    case 9: case 10:
      [key, ttl] = [`ratelimit:api:${i}`, 3000];
      break;
    case 11: case 12:
      [key, ttl] = [`bull:email:${i}`, null];
      break;
    case 13:
      [key, ttl] = [`flag:feature-${i}`, null];
      break;
    case 19:
      [key, ttl] = [`cache:${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-8${hex.slice(1, 4)}-${hex}${hex.slice(0, 4)}`, 3600];
      break;
    default:
      [key, ttl] = [`user:${i}:profile`, i % 2 ? 7200 : null];
  }
  const args = ttl === null ? ['SET', key, 'v'] : ['SET', key, 'v', 'EX', String(ttl)];
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** `redis-cli --pipe` from a generator (streamed with back-pressure: the bench process stays small). */
async function seed(sandbox: StartedSandbox): Promise<void> {
  const admin = sandbox.admin!;
  const cli = spawn('redis-cli', ['-p', String(sandbox.port), '--user', admin.name, '--pipe'], {
    env: { ...process.env, REDISCLI_AUTH: admin.password },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) => cli.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`redis-cli --pipe exited ${code}`)))));
  for (let i = 0; i < KEYS; i += 10_000) {
    let chunk = '';
    for (let j = i; j < Math.min(KEYS, i + 10_000); j++) chunk += seedCommand(j);
    if (!cli.stdin.write(chunk)) await new Promise((r) => cli.stdin.once('drain', r));
  }
  cli.stdin.end();
  await done;
}

async function commandUsec(admin: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const out = new Map<string, { calls: number; usec: number }>();
  for (const m of (await admin.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) out.set(m[1], { calls: Number(m[2]), usec: Number(m[3]) });
  return out;
}

/** Server process CPU (user + system), µs, from /proc (command time plus its I/O and parsing). */
function serverCpuUsec(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}

interface Measured {
  keys: number;
  seconds: number;
  commandUsecPerKey: number;
  serverCpuUsecPerKey: number;
}

async function measure<T extends { keys: number; seconds: number }>(sandbox: StartedSandbox, admin: Redis, run: () => Promise<T>): Promise<Measured & T> {
  const before = await commandUsec(admin);
  const cpuBefore = serverCpuUsec(sandbox.pid);
  const result = await run();
  const cpu = serverCpuUsec(sandbox.pid) - cpuBefore;
  const after = await commandUsec(admin);
  let usec = 0;
  for (const [cmd, s] of after) if (cmd !== 'info') usec += s.usec - (before.get(cmd)?.usec ?? 0);
  return { ...result, commandUsecPerKey: usec / result.keys, serverCpuUsecPerKey: cpu / result.keys };
}

interface ChildReport {
  /** serverCpuSeconds: the redis-server process's CPU during the run; clientCpuSeconds: this audit process's. */
  runs: { keys: number; seconds: number; serverCpuSeconds: number; clientCpuSeconds: number; coverage: string; reason: string | null }[];
  /** Keys the warm-up runs scanned (their server time is in the commandstats delta too). */
  warmupKeys: number;
  peakRssMb: number;
  audit: Pick<KeyspaceAudit, 'classes' | 'unclassified' | 'commandsSent'>;
}

/**
 * The audit runs in a process of its own (node + tsx + the audit, as the CLI runs it), so its peak
 * RSS is the audit's and not the seeding's or the baseline client's.
 */
async function auditChild(serverPid: number, port: number, user: string, password: string): Promise<ChildReport> {
  // The V8 flag the CLI bin starts with (bin/redis-compliance.mjs), so the RSS is the CLI's.
  const child = spawn(process.execPath, ['--max-semi-space-size=4', ...process.execArgv, __filename, '--audit-child'], {
    env: { ...process.env, BENCH_SERVER_PID: String(serverPid), BENCH_PORT: String(port), BENCH_USER: user, BENCH_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`audit child exited ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport;
}

async function childMain() {
  const target = { host: '127.0.0.1', port: Number(process.env.BENCH_PORT), tls: false, username: process.env.BENCH_USER, password: process.env.BENCH_PASSWORD };
  const serverPid = Number(process.env.BENCH_SERVER_PID);
  const runs: ChildReport['runs'] = [];
  let warmupKeys = 0;
  let audit!: KeyspaceAudit;
  for (let i = 0; i < WARMUP_RUNS + AUDIT_RUNS; i++) {
    const t = process.hrtime.bigint();
    const serverBefore = serverCpuUsec(serverPid);
    const clientBefore = process.cpuUsage();
    audit = await auditKeyspace(target, { keyClasses: DEFAULT_KEY_CLASSES, timeBudgetSeconds: 600 });
    const client = process.cpuUsage(clientBefore);
    const run = {
      keys: audit.keysScanned,
      seconds: Number(process.hrtime.bigint() - t) / 1e9,
      serverCpuSeconds: (serverCpuUsec(serverPid) - serverBefore) / 1e6,
      clientCpuSeconds: (client.user + client.system) / 1e6,
      coverage: audit.coverage,
      reason: audit.coverageReason,
    };
    if (i >= WARMUP_RUNS) runs.push(run);
    else {
      warmupKeys += run.keys;
      console.error(`audit warm-up run: ${Math.round(run.keys / run.seconds).toLocaleString('en-US')} keys/s (not counted)`);
    }
  }
  const report: ChildReport = {
    runs,
    warmupKeys,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    audit: { classes: audit.classes, unclassified: audit.unclassified, commandsSent: audit.commandsSent },
  };
  console.log(JSON.stringify(report));
}

/** The seed guide's audit loop, as written there (001 §5): SCAN COUNT 100, one TTL per key, awaited. */
async function naiveLoop(redis: Redis, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  const noTtlKeys: string[] = [];
  let scanned = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 100);
    for (const key of keys) {
      if ((await redis.ttl(key)) === -1) noTtlKeys.push(key);
      scanned++;
    }
    cursor = next;
  } while (cursor !== '0' && Date.now() < deadline);
  return scanned;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (share: number) => `${Math.round(share * 100)} %`;

async function main() {
  const sandbox = await startSandbox('phiProblems');
  const admin = connectSandbox(sandbox);
  try {
    const seedStart = Date.now();
    await seed(sandbox);
    const dbsize = await admin.dbsize();
    if (dbsize !== KEYS) throw new Error(`seeded ${dbsize} keys, expected ${KEYS}`);
    console.log(`seeded ${fmt(dbsize)} keys in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (redis-cli --pipe)`);

    const auditRuns = await measure(sandbox, admin, async () => {
      const report = await auditChild(sandbox.pid, sandbox.port, sandbox.scanner!.name, sandbox.scanner!.password);
      return { report, keys: report.warmupKeys + report.runs.reduce((n, r) => n + r.keys, 0), seconds: report.runs.reduce((n, r) => n + r.seconds, 0) };
    });
    const { report } = auditRuns;
    report.runs.forEach((r, i) =>
      console.log(
        `audit run ${i + 1}: ${fmt(r.keys / r.seconds)} keys/s (${r.seconds.toFixed(2)} s, ${r.coverage}; redis-server busy ${pct(r.serverCpuSeconds / r.seconds)} of one core, audit process ${pct(r.clientCpuSeconds / r.seconds)})`,
      ),
    );
    const incomplete = report.runs.find((r) => r.coverage !== 'complete' || r.keys < KEYS);
    if (incomplete) throw new Error(`audit ${incomplete.coverage} after ${incomplete.keys} keys: ${incomplete.reason}`);
    const median = [...report.runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(AUDIT_RUNS / 2)];

    const scanner = connectSandbox(sandbox, sandbox.scanner);
    const base = await measure(sandbox, admin, async () => {
      const t = process.hrtime.bigint();
      const keys = await naiveLoop(scanner, BASELINE_SECONDS);
      return { keys, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
    });
    scanner.disconnect();

    const baselineRate = base.keys / base.seconds;
    const auditRate = median.keys / median.seconds;
    const ratio = auditRate / baselineRate;
    const peakRssMb = report.peakRssMb;
    const a = report.audit;
    const session = a.classes.find((c) => c.name === 'session')!;
    const phi = a.classes.find((c) => c.name === 'phi_cache')!;
    console.log(`baseline (seed loop, first ${fmt(base.keys)} keys in ${base.seconds.toFixed(1)} s): ${fmt(baselineRate)} keys/s`);
    console.log(`audit (median of ${AUDIT_RUNS}, ${fmt(median.keys)} keys): ${fmt(auditRate)} keys/s — ${ratio.toFixed(1)}× the baseline (target ≥ ${TARGET_RATIO}×)`);
    console.log(`server time per key, commandstats: baseline ${base.commandUsecPerKey.toFixed(2)} µs, audit ${auditRuns.commandUsecPerKey.toFixed(2)} µs`);
    console.log(`server process CPU per key (/proc): baseline ${base.serverCpuUsecPerKey.toFixed(2)} µs, audit ${auditRuns.serverCpuUsecPerKey.toFixed(2)} µs`);
    console.log(`audit commands per run: ${JSON.stringify(a.commandsSent)}; peak RSS of the audit process: ${peakRssMb.toFixed(0)} MB`);
    console.log(`found: session ${fmt(session.keys)} keys (${fmt(session.keysWithoutTtl)} without TTL), phi_cache ${fmt(phi.keys)} (${fmt(phi.keysOverMaxTtl)} over ${phi.maxTtlSeconds} s), unclassified ${fmt(a.unclassified.keys)}`);
    console.log(
      JSON.stringify({
        bench: 'keyspace',
        keys: KEYS,
        baseline_keys_per_s: Math.round(baselineRate),
        keys_per_s: Math.round(auditRate),
        ratio: Number(ratio.toFixed(1)),
        peak_rss_mb: Number(peakRssMb.toFixed(1)),
        server_usec_per_key: Number(auditRuns.commandUsecPerKey.toFixed(2)),
        // How close the audit comes to what one Redis core can serve: the server's CPU share of the median run.
        server_core_busy: Number((median.serverCpuSeconds / median.seconds).toFixed(2)),
        baseline_server_usec_per_key: Number(base.commandUsecPerKey.toFixed(2)),
        target: TARGET_RATIO,
      }),
    );
  } finally {
    admin.disconnect();
    await sandbox.stop();
  }
}

(process.argv.includes('--audit-child') ? childMain() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
