// A mini Redis Cluster of real redis-server processes: one primary serving all 16384 slots and one
// replica (CLUSTER REPLICATE), in a plaintext posture with its users (scanner included). Seed keys
// through the primary's admin connection.

import type Redis from 'ioredis';
import { connectSandbox } from './connect';
import { startSandbox, type StartedSandbox, type StartOptions } from './server';
import type { PostureName } from './postures';
import { launchFollower, waitForReplicaOnline } from './topology';

export interface StartedCluster {
  primary: StartedSandbox;
  replica: StartedSandbox;
  /** The primary's cluster node id. */
  primaryId: string;
  /** Stops the replica, then the primary. */
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`cluster sandbox: ${what} not reached after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const infoField = async (redis: Redis, section: string, field: string) => new RegExp(`^${field}:(.*)$`, 'm').exec(String(await redis.call('INFO', section)))?.[1]?.trim();

/** Makes `replica` (a fresh cluster node) a replica of `primary` and waits until both see a healthy cluster. */
async function joinAsReplica(primary: StartedSandbox, primaryId: string, replica: StartedSandbox): Promise<void> {
  const [primaryAdmin, replicaAdmin] = [connectSandbox(primary), connectSandbox(replica)];
  try {
    await primaryAdmin.call('CLUSTER', 'MEET', '127.0.0.1', replica.port, replica.clusterPort!);
    await waitFor('the replica knows the primary', async () => String(await replicaAdmin.call('CLUSTER', 'NODES')).includes(primaryId));
    await replicaAdmin.call('CLUSTER', 'REPLICATE', primaryId);
    await waitFor('master_link_status:up on the replica', async () => (await infoField(replicaAdmin, 'replication', 'master_link_status')) === 'up');
    for (const admin of [primaryAdmin, replicaAdmin]) await waitFor('cluster_state:ok', async () => /^cluster_state:ok/m.test(String(await admin.call('CLUSTER', 'INFO'))));
    await waitForReplicaOnline(primary, replica.port);
  } finally {
    primaryAdmin.disconnect();
    replicaAdmin.disconnect();
  }
}

/** Starts a primary (all slots) and its replica in cluster mode; plaintext postures only. */
export async function startCluster(posture: PostureName = 'phiProblems', options: StartOptions = {}): Promise<StartedCluster> {
  const primary = await startSandbox(posture, { ...options, cluster: true });
  let replica: StartedSandbox | null = null;
  const stop = async () => {
    await replica?.stop();
    await primary.stop();
  };
  try {
    const admin = connectSandbox(primary);
    let primaryId: string;
    try {
      primaryId = String(await admin.call('CLUSTER', 'MYID'));
      await admin.call('CLUSTER', 'ADDSLOTSRANGE', 0, 16383);
    } finally {
      admin.disconnect();
    }
    replica = await launchFollower(primary, [], 'Ready to accept connections', options);
    await joinAsReplica(primary, primaryId, replica);
    return { primary, replica, primaryId, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
