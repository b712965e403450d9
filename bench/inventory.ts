// Cloud inventory: 1,020 emulated ElastiCache resources in 2 accounts × 3 regions (the second
// account through AssumeRole), every call delayed at the emulator (one region slower than the
// others). Collected all at once, against each account/region collected alone.
// ratio = wall time of the full run / the slowest single region alone (target ≤ 1.3: regions run
// in parallel); calls_ratio = calls counted at the emulator / the minimum pages the data needs (1.0).
// Last line: {"bench":"inventory","resources":…,"seconds":…,"ratio":…,"calls_ratio":…,"target":1.3}

import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { collectCloud, type CloudConfigInput } from '@/lib/cloud/collect';
import { PAGE_SIZE } from '@/lib/inventory/aws/read-region';
import type { ChildRequest } from '../tests/emulators/child';
import { buildRegion } from '../tests/emulators/fixtures';
import type { AwsRegionData, AwsWorld, Fault } from '../tests/emulators/world';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const TARGET_RATIO = 1.3;
const ACCOUNTS = [
  { id: '111111111111', key: 'AKIABENCHACCOUNT0001', role: null },
  { id: '222222222222', key: null, role: 'arn:aws:iam::222222222222:role/redis-compliance-scanner' },
] as const;
const EXTERNAL_ID = 'bench-external-id';
/**
 * Per-call latency by region, like API round trips from one scanner host in the US: near, across
 * the Atlantic, across the Pacific. (With near-zero latency the run measures the collector's CPU —
 * about 1 ms per call on this 2-core machine — rather than whether regions overlap.)
 */
const LATENCY_MS: Record<string, number> = { 'us-east-1': 40, 'eu-west-1': 80, 'ap-southeast-2': 150 };
const REGIONS = Object.keys(LATENCY_MS);
const PER_REGION = { replicationGroups: 60, standalone: 30, serverless: 80 };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e9];
}

const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));

/** The fewest calls that can read one region's data completely. */
function minimumRegionCalls(data: AwsRegionData): number {
  const clusters = data.cacheClusters.filter((cluster) => cluster.Engine !== 'memcached');
  const standalone = clusters.filter((cluster) => !cluster.ReplicationGroupId);
  const nodeBased = data.replicationGroups.length + standalone.length > 0;
  const serverless = data.serverlessCaches.length > 0;
  const usesUserGroups = data.replicationGroups.some((g) => g.UserGroupIds?.length) || data.serverlessCaches.some((c) => c.UserGroupId);
  const parameterGroups = new Set(clusters.map((cluster) => cluster.CacheParameterGroup?.CacheParameterGroupName));
  const users = data.users.some((user) => user.UserId === 'default') ? data.users.length : data.users.length + 1;
  return (
    pages(data.replicationGroups.length, PAGE_SIZE.DescribeReplicationGroups) +
    pages(data.cacheClusters.length, PAGE_SIZE.DescribeCacheClusters) +
    pages(data.serverlessCaches.length, PAGE_SIZE.DescribeServerlessCaches) +
    (usesUserGroups ? pages(users, PAGE_SIZE.DescribeUsers) + pages(data.userGroups.length, PAGE_SIZE.DescribeUserGroups) : 0) +
    (nodeBased ? pages(data.snapshots.length, PAGE_SIZE.DescribeSnapshots) : 0) +
    (serverless ? pages(data.serverlessSnapshots.length, PAGE_SIZE.DescribeServerlessCacheSnapshots) : 0) +
    (nodeBased ? pages(data.subnetGroups.length, PAGE_SIZE.DescribeCacheSubnetGroups) : 0) +
    [...parameterGroups].reduce((sum, name) => sum + pages(data.parameterGroups[name ?? '']?.length ?? 0, PAGE_SIZE.DescribeCacheParameters), 0) +
    data.replicationGroups.length + standalone.length + data.serverlessCaches.length + // ListTagsForResource, one per resource
    1 + // DescribeSecurityGroups, batched
    (serverless ? 1 : 0) + // DescribeSubnets, batched
    pages(data.routeTables.length, PAGE_SIZE.DescribeRouteTables)
  );
}

function configFor(emulatorUrl: string, accounts: readonly (typeof ACCOUNTS)[number][], regions: string[]): CloudConfigInput {
  const base = ACCOUNTS[0];
  const roles = accounts.filter((account) => account.role).map((account) => ({ arn: account.role!, externalId: EXTERNAL_ID }));
  return {
    aws: {
      accessKeyId: base.key,
      secretAccessKey: 'bench-secret',
      regions,
      endpoint: emulatorUrl,
      roles,
      skipBaseAccount: !accounts.includes(base),
    },
  };
}

/** The emulator runs in a child process, as a remote API would: it does not share our event loop. */
function startEmulatorProcess() {
  const child: ChildProcess = fork(path.join(__dirname, '../tests/emulators/child.ts'), {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(request: ChildRequest) =>
    new Promise<T>((resolve) => {
      child.once('message', (reply) => resolve(reply as T));
      child.send(request);
    });
  return { ask, child };
}

async function main(): Promise<void> {
  const aws: AwsWorld = {
    accessKeys: { [ACCOUNTS[0].key]: { account: ACCOUNTS[0].id } },
    roles: { [ACCOUNTS[1].role]: { externalId: EXTERNAL_ID } },
    accounts: {},
  };
  let minimumCalls = 0;
  for (const account of ACCOUNTS) {
    aws.accounts[account.id] = { regions: {} };
    minimumCalls += account.role ? 2 : 1; // GetCallerIdentity (+ one AssumeRole)
    for (const region of REGIONS) {
      const data = buildRegion(account.id, region, PER_REGION, `${account.id.slice(0, 3)}-${region}`);
      aws.accounts[account.id].regions[region] = data;
      minimumCalls += minimumRegionCalls(data);
    }
  }
  const faults: Fault[] = [
    ...Object.entries(LATENCY_MS).map(([region, latencyMs]): Fault => ({ kind: 'latency', region, latencyMs })),
    { kind: 'latency', service: 'sts', latencyMs: LATENCY_MS['us-east-1'] },
  ];
  const { ask, child } = startEmulatorProcess();
  const emulator = await ask<{ url: string }>({ type: 'start', aws, faults });

  try {
    // Warm-up: module loading and first-connection costs must not count against either side.
    await collectCloud(configFor(emulator.url, [ACCOUNTS[0]], ['us-east-1']));

    let slowestAlone = 0;
    for (const account of ACCOUNTS) {
      for (const region of REGIONS) {
        const [, seconds] = await timed(() => collectCloud(configFor(emulator.url, [account], [region])));
        console.error(`  alone ${account.id} ${region}: ${seconds.toFixed(3)} s`);
        slowestAlone = Math.max(slowestAlone, seconds);
      }
    }

    await ask({ type: 'reset' });
    const cpuBefore = process.cpuUsage();
    const [result, seconds] = await timed(() => collectCloud(configFor(emulator.url, ACCOUNTS, REGIONS)));
    const cpu = process.cpuUsage(cpuBefore);
    console.error(`collector CPU during the full run: ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s`);
    const failed = result.sources.filter((source) => source.status !== 'ok');
    if (failed.length > 0) throw new Error(`sources not ok: ${JSON.stringify(failed)}`);
    const { count: calls } = await ask<{ count: number }>({ type: 'count' });
    const ratio = seconds / slowestAlone;
    const callsRatio = calls / minimumCalls;

    console.error(`resources: ${result.resources.length} in ${result.sources.length} account/region sources`);
    console.error(`wall time: ${seconds.toFixed(3)} s; slowest region alone: ${slowestAlone.toFixed(3)} s; ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})`);
    console.error(`API calls at the emulator: ${calls}; minimum pages needed: ${minimumCalls}; ratio ${callsRatio.toFixed(3)} (target 1.0)`);
    console.log(
      JSON.stringify({
        bench: 'inventory',
        resources: result.resources.length,
        seconds: Number(seconds.toFixed(3)),
        ratio: Number(ratio.toFixed(2)),
        calls_ratio: Number(callsRatio.toFixed(3)),
        target: TARGET_RATIO,
      }),
    );
  } finally {
    await ask({ type: 'close' });
    child.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
