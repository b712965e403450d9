// Evidence package build: 100 instances × 90 days of daily scans (one real facts snapshot and its
// 67 control results per instance and day, taken from a real scan of a sandbox redis-server),
// built into a signed package. The build runs in a child process so that its peak RSS is its own
// (seeding the database is not measured) with a 160 MB V8 heap budget, which a build holding the
// results in memory could not meet, and MALLOC_ARENA_MAX=2. Targets: ≤ 30 s and < 300 MB.
// Last line: {"bench":"evidence","instances":100,"days":90,"seconds":…,"peak_rss_mb":…,"target":30}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_THRESHOLDS } from '@/lib/controls/thresholds';
import { db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { databaseTarget } from '@/lib/db/target';
import { buildEvidencePackage } from '@/lib/evidence/build-package';
import { toPeriod } from '@/lib/evidence/period';
import { seedPhiProblems, startSandbox } from '@/lib/redis-sandbox';
import { scanTargets } from '@/lib/scan';

const INSTANCES = 100;
const DAYS = 90;
const TARGET_SECONDS = 30;
const TARGET_RSS_MB = 300;
const HEAP_BUDGET_MB = 160;
const DAY_MS = 86_400_000;

const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const period = () => toPeriod(day(-DAYS), day(-1));

/** One real scan: the facts and results every seeded day copies. */
async function realScan() {
  const sandbox = await startSandbox('phiProblems');
  try {
    await seedPhiProblems(sandbox);
    const scanner = sandbox.scanner;
    const [result] = await scanTargets(
      [{ host: '127.0.0.1', port: sandbox.port, tls: false, username: scanner && scanner.name !== 'default' ? scanner.name : undefined, password: scanner?.password }],
      { thresholds: DEFAULT_THRESHOLDS, fingerprintKey: 'bench-fingerprint-key-0123456789', concurrency: 1, targetTimeoutMs: 60_000 },
    );
    if (result.status !== 'ok' || !result.facts) throw new Error(`the template scan failed: ${result.error}`);
    return result;
  } finally {
    await sandbox.stop();
  }
}

async function seed(): Promise<string> {
  const template = await realScan();
  const org = await db().organization.create({ data: { name: 'Bench Health', slug: 'bench', settings: {} } });
  const first = period().start;
  const instanceIds: string[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const instance = await db().instance.create({ data: { organizationId: org.id, provider: 'self', platform: 'self', resourceId: `redis://10.1.${Math.floor(i / 250)}.${i % 250}:6379`, name: `cache-${String(i).padStart(3, '0')}`, tags: {}, environment: i % 4 === 0 ? 'staging' : 'production', firstSeenAt: first } });
    instanceIds.push(instance.id);
  }
  for (let d = 0; d < DAYS; d++) {
    const at = new Date(first.getTime() + d * DAY_MS + 6 * 3_600_000);
    const run = await db().scanRun.create({ data: { organizationId: org.id, trigger: 'schedule', scope: { instanceIds }, status: 'succeeded', progressDone: INSTANCES, progressTotal: INSTANCES, errors: [], createdAt: at, startedAt: at, finishedAt: at } });
    await db().factsSnapshot.createMany({
      data: instanceIds.map((instanceId, i) => ({ id: `snap-${d}-${i}`, scanRunId: run.id, instanceId, platform: 'self', collectedAt: at, facts: template.facts as object, sha256: 'b'.repeat(64) })),
    });
    await db().controlResult.createMany({
      data: instanceIds.flatMap((instanceId, i) =>
        template.results.map((r) => ({
          scanRunId: run.id,
          instanceId,
          snapshotId: `snap-${d}-${i}`,
          controlId: r.controlId,
          // Some drift so that the tables are not uniform.
          status: (d + i) % 17 === 0 && r.status === 'pass' ? 'fail' : r.status,
          severity: r.severity,
          observed: (r.observed ?? null) as object,
          expected: r.expected,
          reason: r.reason ?? null,
          dependsOn: r.dependsOn ?? null,
          evidenceRefs: r.evidenceRefs.map((ref) => ref.replace(/^facts#/, `facts/snap-${d}-${i}#`)),
          evaluatedAt: at,
        })),
      ),
    });
    if ((d + 1) % 15 === 0) console.error(`seeded ${d + 1} of ${DAYS} days`);
  }
  console.error(`seeded ${INSTANCES} instances × ${DAYS} days: ${INSTANCES * DAYS} snapshots (${(JSON.stringify(template.facts).length / 1024).toFixed(1)} KB each), ${INSTANCES * DAYS * template.results.length} results`);
  return org.id;
}

/** The measured part, in its own process. */
async function build(organizationId: string, outFile: string) {
  const started = process.hrtime.bigint();
  const outcome = await buildEvidencePackage({ organizationId, period: period(), scope: { frameworks: ['hipaa', 'hitrust'] }, generatedBy: 'bench', outFile });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, peak_rss_mb: process.resourceUsage().maxRSS / 1024, bytes: outcome.size, files: outcome.manifest.files.length }));
}

async function main() {
  if (process.argv[2] === '--build') return build(process.argv[3], process.argv[4]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-evidence-'));
  try {
    process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`;
    process.env.APP_DATA_DIR = dir;
    await migrate(databaseTarget());
    const organizationId = await seed();
    await db().$disconnect();
    const outFile = path.join(dir, 'package.zip');
    // The build runs as a batch job would be run: a V8 heap budget (a build that held the period's
    // results in memory would die under it; without one V8 lets garbage pile up to ~440 MB RSS)
    // and two glibc malloc arenas (zlib and file I/O on libuv's threads otherwise each keep an
    // arena of freed memory: ~25 MB more RSS). Through the environment: the tsx CLI runs the
    // script in a child process of its own.
    const env = { ...process.env, MALLOC_ARENA_MAX: '2', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_BUDGET_MB}`.trim() };
    const output = execFileSync(process.execPath, [require.resolve('tsx/cli'), __filename, '--build', organizationId, outFile], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const measured = JSON.parse(output) as { seconds: number; peak_rss_mb: number; bytes: number; files: number };
    console.log(`package: ${(measured.bytes / 1024 / 1024).toFixed(1)} MB, ${measured.files} files`);
    console.log(`build: ${measured.seconds.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s); peak RSS of the build: ${measured.peak_rss_mb.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB; V8 heap budget ${HEAP_BUDGET_MB} MB, MALLOC_ARENA_MAX=2)`);
    console.log(
      JSON.stringify({ bench: 'evidence', instances: INSTANCES, days: DAYS, seconds: Number(measured.seconds.toFixed(2)), peak_rss_mb: Number(measured.peak_rss_mb.toFixed(1)), heap_budget_mb: HEAP_BUDGET_MB, ratio: Number((measured.seconds / TARGET_SECONDS).toFixed(2)), target: TARGET_SECONDS }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
