// Replicas and Sentinels for a running sandbox: the topology facts (ROLE, replication links,
// SENTINEL MASTER) the availability and replication controls read.

import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { findFreePort } from './free-port';
import { launchServer, makeSandboxDir, withPortRetry, type StartedSandbox, type StartOptions } from './server';
import type { SandboxUser } from './postures';
import Redis from 'ioredis';
import { connectSandbox } from './connect';

/** The user a replica authenticates as: the posture's replication user, else its admin. */
function replicationUser(primary: StartedSandbox): SandboxUser | null {
  return primary.users.find((u) => u.role === 'replication') ?? primary.admin;
}

function authLines(prefix: string, user: SandboxUser | null): string[] {
  if (!user || !user.password) return [];
  return [...(user.name !== 'default' ? [`${prefix}user ${user.name}`] : []), `${prefix}auth ${user.password}`];
}

/** The replica has finished its sync when the primary lists it in ROLE. */
export async function waitForReplicaOnline(primary: StartedSandbox, replicaPort: number, timeoutMs = 10_000): Promise<void> {
  const admin = connectSandbox(primary);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const role = (await admin.call('ROLE')) as [string, number, [string, string, string][]];
      if (role[2]?.some(([, port]) => Number(port) === replicaPort)) return;
      if (Date.now() > deadline) throw new Error(`primary does not list the replica on port ${replicaPort} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    admin.disconnect();
  }
}

const PER_INSTANCE = /^(dir|port|tls-port|cluster-port|logfile|aclfile|replicaof|masteruser|masterauth|tls-client-cert-file|tls-client-key-file) /;

/**
 * A server with `primary`'s posture (same config, users and certificates; over TLS with the client
 * certificate when the primary is TLS-only) on new ports, authenticating to the primary for
 * replication; `roleConfig` makes it follow the primary. Not yet waited for beyond `readyPattern`.
 */
export function launchFollower(primary: StartedSandbox, roleConfig: string[], readyPattern: string, options: StartOptions = {}): Promise<StartedSandbox> {
  return withPortRetry(async () => {
    const dir = await makeSandboxDir(`${primary.posture}-replica`);
    try {
      const [plainPort, tlsPort] = [await findFreePort(), await findFreePort()];
      const busPort = primary.clusterPort ? await findFreePort() : undefined;
      const primaryConfig = (await readFile(path.join(primary.dir, 'redis.conf'), 'utf8')).split('\n').filter((l) => l.trim());
      const hasAcl = primaryConfig.some((l) => l.startsWith('aclfile '));
      if (hasAcl) await copyFile(path.join(primary.dir, 'users.acl'), path.join(dir, 'users.acl'));
      const config = [
        ...primaryConfig.filter((l) => !PER_INSTANCE.test(l)),
        `dir ${dir}`,
        `port ${primary.plainPort ? plainPort : 0}`,
        ...(primary.tlsPort ? [`tls-port ${tlsPort}`, 'tls-replication yes', `tls-client-cert-file ${primary.certFile}`, `tls-client-key-file ${primary.keyFile}`] : []),
        ...(busPort ? [`cluster-port ${busPort}`] : []),
        ...(hasAcl ? [`aclfile ${dir}/users.acl`] : []),
        ...(primaryConfig.some((l) => l.startsWith('logfile ')) ? [`logfile ${dir}/redis.log`] : []),
        ...roleConfig,
        ...authLines('master', replicationUser(primary)),
      ];
      const server = await launchServer({ dir, config, logFile: config.some((l) => l.startsWith('logfile ')) ? 'redis.log' : null, readyPattern }, options);
      const port = primary.tlsPort ? tlsPort : plainPort;
      return {
        ...primary,
        url: `${primary.tlsPort ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
        port,
        plainPort: primary.plainPort ? plainPort : undefined,
        tlsPort: primary.tlsPort ? tlsPort : undefined,
        clusterPort: busPort,
        dir,
        pid: server.pid,
        readLog: server.readLog,
        stop: server.stop,
      };
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  });
}

/** A replica of a (non-cluster) `primary` with the primary's posture, synced. Stop it before the primary. */
export async function startReplica(primary: StartedSandbox, options: StartOptions = {}): Promise<StartedSandbox> {
  const replica = await launchFollower(primary, [`replicaof 127.0.0.1 ${primary.port}`], 'MASTER <-> REPLICA sync: Finished with success', options);
  await waitForReplicaOnline(primary, replica.port).catch(async (err) => {
    await replica.stop();
    throw err;
  });
  return replica;
}

function sentinelAuth(masterName: string, user: SandboxUser | null): string[] {
  if (!user || !user.password) return [];
  return [...(user.name !== 'default' ? [`sentinel auth-user ${masterName} ${user.name}`] : []), `sentinel auth-pass ${masterName} ${user.password}`];
}

/** Ready when the Sentinel sees the primary up with as many replicas as the primary reports. */
async function waitForSentinelView(primary: StartedSandbox, sentinelPort: number, masterName: string, timeoutMs = 15_000): Promise<void> {
  const admin = connectSandbox(primary);
  const sentinel = new Redis({ host: '127.0.0.1', port: sentinelPort, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const role = (await admin.call('ROLE')) as [string, number, unknown[]];
      const reply = (await sentinel.call('SENTINEL', 'MASTER', masterName)) as string[];
      const field = (name: string) => reply[reply.indexOf(name) + 1];
      if (field('flags') === 'master' && Number(field('num-slaves')) === role[2].length) return;
      if (Date.now() > deadline) throw new Error(`Sentinel on ${sentinelPort} does not see ${masterName} with its replicas after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    admin.disconnect();
    sentinel.disconnect();
  }
}

export interface StartedSentinel {
  host: string;
  port: number;
  masterName: string;
  pid: number;
  stop(): Promise<void>;
}

/** A Sentinel monitoring `primary` (plaintext primaries only) under `masterName`. */
export function startSentinel(
  primary: StartedSandbox,
  { masterName = 'sandbox', quorum = 1 }: { masterName?: string; quorum?: number } = {},
  options: StartOptions = {},
): Promise<StartedSentinel> {
  if (!primary.plainPort) throw new Error('startSentinel supports plaintext primaries only');
  return withPortRetry(async () => {
    const dir = await makeSandboxDir(`${primary.posture}-sentinel`);
    try {
      const port = await findFreePort();
      const config = [
        'bind 127.0.0.1',
        `port ${port}`,
        `dir ${dir}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${primary.plainPort} ${quorum}`,
        `sentinel down-after-milliseconds ${masterName} 5000`,
        ...sentinelAuth(masterName, primary.admin),
      ];
      const server = await launchServer({ dir, config, args: ['--sentinel'], readyPattern: '+monitor master' }, options);
      await waitForSentinelView(primary, port, masterName).catch(async (err) => {
        await server.stop();
        throw err;
      });
      return { host: '127.0.0.1', port, masterName, pid: server.pid, stop: server.stop };
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  });
}
