// Dashboards at scale on PostgreSQL: 10,000 instances × 365 days of daily scans, seeded with bulk
// SQL (INSERT … SELECT over generate_series, no row-by-row Prisma), served by the production build
// (`next start`), and measured as a signed-in officer would load the pages: server render time of
// the officer home (/dashboard) and the findings list (/findings), plus the results explorer and the
// instance list for reference. Targets: p95 < 300 ms.
//
// What is seeded: 10,000 instances (self / ElastiCache / Serverless / Memorystore over 2 AWS accounts
// × 3 regions and 2 GCP projects × 2 regions); 365 daily scan runs; the latest scan in full (every
// catalog control on every instance: 670,000 results, their facts snapshots, LatestControlResult);
// one result per instance for each of the 364 earlier days (3.64 M results, so the results table has
// a year of history); the daily posture rollup for all 365 days (the earlier days follow a drift
// model, the latest day is the GROUP BY of the latest results); a finding per failing latest result;
// tickets, drills and credential states. The pages read rollups, findings and counts — never the
// raw results of 10,000 instances — so their time does not grow with the history.
//
// Needs a production build of the current sources (`next build` runs here when .next is missing or
// older than a file under app/, components/ or lib/) and PostgreSQL at BENCH_POSTGRES_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres). The bench database is dropped afterwards
// (BENCH_KEEP=1 keeps it; BENCH_DATABASE=<name> measures a kept one again without re-seeding).
// Last line: {"bench":"dashboard","instances":10000,"days":365,"p50_ms":…,"p95_ms":…,"page":…,"ratio":…,"target":300}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CATALOG } from '@/lib/controls/catalog';
import { migrate } from '@/lib/db/migrate';
import { databaseTarget } from '@/lib/db/target';
import { hashPassword } from '@/lib/users/passwords';

const INSTANCES = 10_000;
const DAYS = 365;
const TARGET_MS = 300;
const WARMUP = 3;
const SAMPLES = 30;
const OFFICER = { email: 'officer@bench.local', password: 'bench-officer-passphrase' };
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ROOT = path.resolve(__dirname, '..');

const PAGES = [
  { name: 'officer home', url: '/dashboard', marker: 'data-testid="posture-score"', measured: true },
  { name: 'findings list', url: '/findings', marker: 'data-testid="finding-row"', measured: true },
  { name: 'findings list by severity', url: '/findings?sort=severity&dir=desc', marker: 'data-testid="finding-row"', measured: false },
  { name: 'tickets', url: '/tickets', marker: 'data-testid="ticket-row"', measured: false },
  { name: 'results explorer (failing results)', url: '/results?status=fail', marker: 'data-testid="result-row"', measured: false },
  { name: 'instances (engineer home)', url: '/instances', marker: 'data-testid="instance-row"', measured: false },
] as const;

function log(line: string) {
  console.error(line);
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const value = await fn();
  log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Seeding (bulk SQL)

/** Status of control n on instance g (day d) — fixed mix: ~10 % fail, 3 % not assessable, 2 % error, 15 % n/a. */
const STATUS_SQL = (hash: string) =>
  `CASE WHEN ${hash} < 10 THEN 'fail' WHEN ${hash} < 13 THEN 'not_assessable' WHEN ${hash} < 15 THEN 'error' WHEN ${hash} < 30 THEN 'not_applicable' ELSE 'pass' END`;

async function seed(client: pg.Client, organizationId: string): Promise<void> {
  const ids = CATALOG.map((c) => c.id);
  const severities = CATALOG.map((c) => c.severity);
  // Today's midnight (UTC) as a plain timestamp: Prisma stores TIMESTAMP(3) in UTC.
  const today = `${new Date().toISOString().slice(0, 10)} 00:00:00`;
  /** When the daily scan of day `d` (0 = a year ago, DAYS - 1 = today) ran; `today` names the parameter holding today's midnight. */
  const runAt = (d: string | number, today = '$2') => `(${today}::timestamp - (${DAYS - 1} - ${d}) * interval '1 day' + interval '30 minutes')`;
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  const officerHash = await hashPassword(OFFICER.password);

  await q(`INSERT INTO "Organization" (id, name, slug, settings, "updatedAt") VALUES ($1, 'Bench Health', 'bench', '{}'::jsonb, now())`, [organizationId]);
  await q(
    `INSERT INTO "User" (id, "organizationId", email, name, "passwordHash", role, "updatedAt") VALUES
       ('bu-officer', $1, $2, 'Bench Officer', $3, 'officer', now()),
       ('bu-engineer', $1, 'engineer@bench.local', 'Bench Engineer', NULL, 'engineer', now())`,
    [organizationId, OFFICER.email, officerHash],
  );
  await timed('10,000 instances', () =>
    q(
      `INSERT INTO "Instance" (id, "organizationId", provider, platform, account, region, "resourceId", name, tags, environment, "firstSeenAt", "lastSeenAt")
       SELECT 'bi' || g, $1,
         CASE g % 5 WHEN 0 THEN 'self' WHEN 1 THEN 'gcp' ELSE 'aws' END,
         CASE g % 5 WHEN 0 THEN 'self' WHEN 1 THEN 'ms' WHEN 2 THEN 'ecs' ELSE 'ec' END,
         CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN 'bench-project-' || (g % 2) ELSE CASE g % 2 WHEN 0 THEN '111111111111' ELSE '222222222222' END END,
         CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN (ARRAY['us-central1', 'europe-west1'])[1 + g % 2] ELSE (ARRAY['us-east-1', 'eu-west-1', 'ap-southeast-2'])[1 + g % 3] END,
         'bench-resource-' || g, 'cache-' || lpad(g::text, 5, '0'), '{}'::jsonb,
         CASE WHEN g % 4 = 0 THEN 'staging' ELSE 'production' END, $2::timestamp - interval '400 days', $2::timestamp
       FROM generate_series(1, ${INSTANCES}) g`,
      [organizationId, today],
    ),
  );
  await q(
    `INSERT INTO "ScanRun" (id, "organizationId", trigger, scope, status, "progressDone", "progressTotal", errors, "createdAt", "startedAt", "finishedAt", attempts)
     SELECT 'br' || d, $1, 'schedule', '{}'::jsonb, 'succeeded', ${INSTANCES}, ${INSTANCES}, '[]'::jsonb, ${runAt('d')}, ${runAt('d')}, ${runAt('d')} + interval '20 minutes', 1
     FROM generate_series(0, ${DAYS - 1}) d`,
    [organizationId, today],
  );
  const latest = `br${DAYS - 1}`;
  await timed('latest facts snapshots', () =>
    q(
      `INSERT INTO "FactsSnapshot" (id, "scanRunId", "instanceId", platform, "collectedAt", facts, sha256)
       SELECT 'bs' || g, $1, 'bi' || g, CASE g % 5 WHEN 0 THEN 'self' WHEN 1 THEN 'ms' WHEN 2 THEN 'ecs' ELSE 'ec' END, ${runAt(DAYS - 1)}, '{"bench": true}'::jsonb, repeat('b', 64)
       FROM generate_series(1, ${INSTANCES}) g`,
      [latest, today],
    ),
  );
  await timed(`latest scan in full (${(INSTANCES * ids.length).toLocaleString('en-US')} results)`, () =>
    q(
      `INSERT INTO "ControlResult" (id, "scanRunId", "instanceId", "snapshotId", "controlId", status, severity, observed, expected, reason, "evidenceRefs", "evaluatedAt")
       SELECT 'bl' || g || '-' || c.n, $1, 'bi' || g, 'bs' || g, c.id, s.status, c.severity, '{"value": "bench"}'::jsonb, 'bench expectation',
              CASE WHEN s.status <> 'pass' THEN 'bench reason' END, jsonb_build_array('facts/bs' || g || '#/config/' || c.id), ${runAt(DAYS - 1)}
       FROM generate_series(1, ${INSTANCES}) g
       CROSS JOIN unnest($3::text[], $4::text[]) WITH ORDINALITY AS c(id, severity, n)
       CROSS JOIN LATERAL (SELECT ${STATUS_SQL('((g * 7919 + c.n * 104729) % 100)')} AS status) s`,
      [latest, today, ids, severities],
    ),
  );
  await timed(`history: one result per instance and day for ${DAYS - 1} days (${(INSTANCES * (DAYS - 1)).toLocaleString('en-US')} results)`, async () => {
    const CHUNK = 60;
    for (let first = 0; first < DAYS - 1; first += CHUNK) {
      const last = Math.min(DAYS - 2, first + CHUNK - 1);
      await q(
        `INSERT INTO "ControlResult" (id, "scanRunId", "instanceId", "snapshotId", "controlId", status, severity, observed, expected, reason, "evidenceRefs", "evaluatedAt")
         SELECT 'bh' || d || '-' || g, 'br' || d, 'bi' || g, NULL, c.id, ${STATUS_SQL('((g * 7919 + c.n * 104729 + d * 31) % 100)')}, c.severity, '{"value": "bench"}'::jsonb, 'bench expectation', NULL, '[]'::jsonb,
                ${runAt('d', '$1')}
         FROM generate_series(${first}, ${last}) d
         CROSS JOIN generate_series(1, ${INSTANCES}) g
         JOIN unnest($2::text[], $3::text[]) WITH ORDINALITY AS c(id, severity, n) ON c.n = 1 + (g + d) % ${ids.length}`,
        [today, ids, severities],
      );
      log(`    days ${first}–${last} stored`);
    }
  });
  await timed('LatestControlResult from the latest scan', () =>
    q(
      `INSERT INTO "LatestControlResult" (id, "organizationId", "instanceId", "controlId", status, severity, "snapshotId", "evaluatedAt")
       SELECT 'bx' || id, $1, "instanceId", "controlId", status, severity, "snapshotId", "evaluatedAt" FROM "ControlResult" WHERE "scanRunId" = $2`,
      [organizationId, latest],
    ),
  );
  await timed('daily posture rollup (365 days)', async () => {
    // Earlier days: fewer failures as the year goes on; the latest day: the latest results grouped.
    await q(
      `INSERT INTO "PostureDaily" (id, "organizationId", day, "controlId", pass, fail, error, "notAssessable", "notApplicable")
       SELECT 'bp' || d || '-' || c.n, $1, to_char($2::timestamp - (${DAYS - 1} - d) * interval '1 day', 'YYYY-MM-DD'), c.id,
              ${INSTANCES} - f - e - na - 1500, f, e, na, 1500
       FROM generate_series(0, ${DAYS - 2}) d
       CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS c(id, n)
       CROSS JOIN LATERAL (SELECT 1000 + (600 * (${DAYS - 1} - d)) / ${DAYS - 1} + (c.n * 37) % 300 AS f, 200 + (c.n * 7) % 100 AS e, 300 AS na) x`,
      [organizationId, today, ids],
    );
    await q(
      `INSERT INTO "PostureDaily" (id, "organizationId", day, "controlId", pass, fail, error, "notAssessable", "notApplicable")
       SELECT 'bp-latest-' || "controlId", $1, to_char($2::timestamp, 'YYYY-MM-DD'), "controlId",
              count(*) FILTER (WHERE status = 'pass'), count(*) FILTER (WHERE status = 'fail'), count(*) FILTER (WHERE status = 'error'),
              count(*) FILTER (WHERE status = 'not_assessable'), count(*) FILTER (WHERE status = 'not_applicable')
       FROM "LatestControlResult" WHERE "organizationId" = $1 GROUP BY "controlId"`,
      [organizationId, today],
    );
  });
  await timed('findings, tickets, drills, credential states', async () => {
    await q(
      `INSERT INTO "Finding" (id, "organizationId", "instanceId", "controlId", severity, state, "firstDetectedAt", "lastDetectedAt", "lastVerifiedAt", "dueAt",
                              "assigneeId", "lastStatus", "lastEvaluatedAt", "lastScanRunId", "overdueNotifiedAt")
       SELECT 'bf' || l.id, $1, l."instanceId", l."controlId", l.severity, (ARRAY['open', 'acknowledged', 'in_remediation', 'open'])[1 + h % 4],
              l."evaluatedAt" - (h % 200) * interval '1 day', l."evaluatedAt", l."evaluatedAt", l."evaluatedAt" - (h % 200) * interval '1 day' + interval '30 days',
              CASE WHEN h % 10 = 0 THEN 'bu-engineer' END, 'fail', l."evaluatedAt", $2,
              CASE WHEN h % 200 > 30 THEN l."evaluatedAt" END
       FROM "LatestControlResult" l CROSS JOIN LATERAL (SELECT abs(hashtext(l.id)::bigint) AS h) x
       WHERE l."organizationId" = $1 AND l.status = 'fail'`,
      [organizationId, latest],
    );
    await q(
      `INSERT INTO "Ticket" (id, "organizationId", title, description, status, "assigneeId", "createdById", "dueAt", "createdAt", "updatedAt")
       SELECT 'bt' || g, $1, 'Remediate batch ' || g, 'bench ticket', (ARRAY['open', 'in_progress', 'closed'])[1 + g % 3], 'bu-engineer', 'bu-officer',
              $2::timestamp + (g % 60 - 30) * interval '1 day', $2::timestamp - interval '40 days', $2::timestamp
       FROM generate_series(1, 500) g`,
      [organizationId, today],
    );
    await q(
      `INSERT INTO "BackupDrill" (id, "instanceId", "backupKind", "backupRef", automated, "startedAt", result, details)
       SELECT 'bd' || g, 'bi' || g, 'rdb', 'dump.rdb', true, $1::timestamp - (g % 120) * interval '1 day', 'pass', '{}'::jsonb
       FROM generate_series(1, ${INSTANCES}) g WHERE g % 3 = 0`,
      [today],
    );
    await q(
      `INSERT INTO "CredentialState" (id, "instanceId", kind, subject, digest, "notAfter", "firstSeenAt", "digestSince", "lastSeenAt", details)
       SELECT 'bc' || g || '-' || k.kind, 'bi' || g, k.kind, k.subject, md5(g::text || k.kind),
              CASE WHEN k.kind = 'tls_certificate' THEN $1::timestamp + (g % 90 - 10) * interval '1 day' END,
              $1::timestamp - interval '500 days', $1::timestamp - (g % 400) * interval '1 day', $1::timestamp, '{}'::jsonb
       FROM generate_series(1, ${INSTANCES}) g
       CROSS JOIN (VALUES ('acl_password', 'user app'), ('tls_certificate', 'server certificate')) AS k(kind, subject)`,
      [today],
    );
  });
  await timed('ANALYZE', () => q('ANALYZE'));
}

// ---------------------------------------------------------------------------------------------
// The app, signed in as the officer

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not answer /api/health within 60 s');
}

class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function signIn(base: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email: OFFICER.email, password: OFFICER.password, json: 'true' }),
  });
  jar.store(response);
  if (!jar.header().includes('session-token')) throw new Error(`sign-in failed (HTTP ${response.status})`);
  return jar;
}

async function loadPage(base: string, jar: CookieJar, url: string, marker: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${base}${url}`, { headers: { cookie: jar.header() }, redirect: 'manual' });
  const html = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200 || !html.includes(marker)) throw new Error(`${url} answered ${response.status} without "${marker}"`);
  return ms;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(base: string) {
  const jar = await signIn(base);
  const figures: { name: string; url: string; measured: boolean; p50: number; p95: number }[] = [];
  for (const page of PAGES) {
    for (let i = 0; i < WARMUP; i++) await loadPage(base, jar, page.url, page.marker);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await loadPage(base, jar, page.url, page.marker));
    samples.sort((a, b) => a - b);
    const figure = { name: page.name, url: page.url, measured: page.measured, p50: percentile(samples, 50), p95: percentile(samples, 95) };
    figures.push(figure);
    console.log(`${page.name} (${page.url}): p50 ${figure.p50.toFixed(0)} ms, p95 ${figure.p95.toFixed(0)} ms over ${SAMPLES} loads`);
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------

/** The newest modification time of a file under the given directories (the build's sources). */
function newestSource(dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  return fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newestSource(['app', 'components', 'lib']);
}

async function main() {
  if (!buildIsCurrent()) {
    log('no production build of the current sources: running next build');
    const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const reused = process.env.BENCH_DATABASE;
  const name = reused ?? `rcd_bench_dashboard_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  if (!reused) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
  let server: ChildProcess | null = null;
  try {
    await migrate(databaseTarget(databaseUrl));
    if (reused) log(`measuring the kept database ${name} (not seeded again)`);
    else {
      log(`seeding ${INSTANCES.toLocaleString('en-US')} instances × ${DAYS} days into ${name}`);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await timed('seed total', () => seed(client, 'bench-org'));
      } finally {
        await client.end();
      }
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: databaseUrl, APP_DATA_DIR: dataDir, NEXTAUTH_URL: base, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    });
    await waitForHealth(base, server);
    const figures = await measure(base);
    const slower = figures.filter((f) => f.measured).sort((a, b) => b.p95 - a.p95)[0];
    console.log(
      JSON.stringify({
        bench: 'dashboard',
        instances: INSTANCES,
        days: DAYS,
        p50_ms: Math.round(slower.p50),
        p95_ms: Math.round(slower.p95),
        page: slower.url,
        ratio: Number((slower.p95 / TARGET_MS).toFixed(2)),
        target: TARGET_MS,
      }),
    );
  } finally {
    server?.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!process.env.BENCH_KEEP && !reused) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else log(`kept database ${name}`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
