// Runs one real `redis-server` for a posture: writes the config (and ACL file, certificates) into a
// private temp dir, starts the process, waits until it is ready, and stops it (SIGTERM, then
// SIGKILL) and removes the dir. Used by tests, the demo fleet, benches and drills.

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from './free-port';
import { createPki, type Pki } from './pki';
import { clusterConfig, POSTURE_BUILDERS, POSTURE_NEEDS, type PostureName, type SandboxUser } from './postures';

export interface StartedSandbox {
  posture: PostureName;
  /** The endpoint to scan, without credentials: `rediss://127.0.0.1:<tlsPort>` or `redis://127.0.0.1:<port>`. */
  url: string;
  /** The port in `url`. */
  port: number;
  /** The plaintext listener, when the posture has one. */
  plainPort?: number;
  /** The TLS listener, when the posture has one. */
  tlsPort?: number;
  /** The cluster bus port, when started with `cluster: true`. */
  clusterPort?: number;
  /** CA that issued the server (and client) certificate. */
  caFile?: string;
  /** Client certificate and key for mTLS (present whenever TLS is on). */
  certFile?: string;
  keyFile?: string;
  /** Users the posture defines; `default` stands for `requirepass`. Scanner first when there is one. */
  users: SandboxUser[];
  /** The user a scan should log in as (null: no credentials needed or none exist). */
  scanner: SandboxUser | null;
  /** A user with every right (for seeding and the read-only proof); null = no auth at all. */
  admin: SandboxUser | null;
  /** Whether connecting needs the client certificate. */
  clientCertRequired: boolean;
  /** `rename-command` of the posture: original name → new name ('' = disabled). */
  renamedCommands: Record<string, string>;
  dir: string;
  pid: number;
  /** Server log so far (file or captured stdout). */
  readLog(): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Milliseconds to wait for readiness (default 20 s). */
  readyTimeoutMs?: number;
  /** Executable (default `redis-server` from PATH). */
  redisServer?: string;
  /**
   * An existing PKI (one organisation CA for a fleet) instead of a fresh one per sandbox. The caller
   * owns its files. Ignored by `expiredCert`, whose server certificate must be its own.
   */
  pki?: Pki;
  /** Cluster mode (`cluster-enabled yes`, no slots yet; plaintext postures only): see startCluster. */
  cluster?: boolean;
}

export interface LaunchSpec {
  dir: string;
  config: string[];
  aclFile?: string | null;
  /** Extra command-line arguments after the config file (e.g. `--sentinel`). */
  args?: string[];
  /** Log file name inside dir; null = stdout. */
  logFile?: string | null;
  /** Log line that means "ready". */
  readyPattern?: string;
}

export interface LaunchedServer {
  pid: number;
  readLog(): Promise<string>;
  /** Stops the process and removes `dir`. */
  stop(): Promise<void>;
}

const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed test run or an app stopped without stop() must not leave servers or temp dirs behind.
  process.once('exit', () => {
    for (const [child, dir] of live) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export class SandboxStartError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message);
    this.name = 'SandboxStartError';
  }
}

async function waitUntilReady(child: ChildProcess, readLog: () => Promise<string>, pattern: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await readLog();
    if (log.includes(pattern)) return;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new SandboxStartError(`redis-server exited during start-up:\n${log.slice(-2000)}`, log);
    }
    if (Date.now() > deadline) throw new SandboxStartError(`redis-server not ready after ${timeoutMs} ms:\n${log.slice(-2000)}`, log);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes the config into `dir`, starts redis-server and waits for readiness. Cleans up on failure. */
export async function launchServer(spec: LaunchSpec, options: StartOptions = {}): Promise<LaunchedServer> {
  const configFile = path.join(spec.dir, 'redis.conf');
  await writeFile(configFile, spec.config.join('\n') + '\n', { mode: 0o600 });
  if (spec.aclFile) await writeFile(path.join(spec.dir, 'users.acl'), spec.aclFile + '\n', { mode: 0o600 });

  const child = spawn(options.redisServer ?? 'redis-server', [configFile, ...(spec.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.set(child, spec.dir);
  installExitHook();
  let stdout = '';
  const keep = (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-64_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', () => live.delete(child));

  const readLog = async () => (spec.logFile ? await readFile(path.join(spec.dir, spec.logFile), 'utf8').catch(() => '') : stdout);
  const stop = async () => {
    if (live.has(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await rm(spec.dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, readLog, spec.readyPattern ?? 'Ready to accept connections', options.readyTimeoutMs ?? 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: child.pid!, readLog, stop };
}

/** Retries a start when a port was taken between choosing and binding it (parallel starts). */
export async function withPortRetry<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      const portTaken = err instanceof SandboxStartError && /Address already in use/i.test(err.log);
      if (!portTaken || attempt >= 5) throw err;
    }
  }
}

export function makeSandboxDir(label: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `redis-sandbox-${label}-`));
}

async function startOnce(posture: PostureName, options: StartOptions): Promise<StartedSandbox> {
  const dir = await makeSandboxDir(posture);
  try {
    const needs = POSTURE_NEEDS[posture];
    const shared = options.pki && !needs.expiredCert ? options.pki : null;
    const pki = needs.tls ? shared ?? (await createPki(path.join(dir, 'pki'), { expiredServerCert: needs.expiredCert })) : null;
    const [plainPort, tlsPort] = [await findFreePort(), await findFreePort()];
    const busPort = options.cluster ? await findFreePort() : 0;
    const spec = POSTURE_BUILDERS[posture]({ dir, plainPort, tlsPort, pki });
    if (options.cluster && spec.tls) throw new Error('cluster sandboxes support plaintext postures only');
    const config = [...spec.config, ...(options.cluster ? clusterConfig(busPort) : [])];
    const server = await launchServer({ dir, config, aclFile: spec.aclFile, logFile: spec.logFile }, options);
    return {
      posture,
      url: spec.tls ? `rediss://127.0.0.1:${tlsPort}` : `redis://127.0.0.1:${plainPort}`,
      port: spec.tls ? tlsPort : plainPort,
      plainPort: spec.plain ? plainPort : undefined,
      tlsPort: spec.tls ? tlsPort : undefined,
      clusterPort: options.cluster ? busPort : undefined,
      caFile: pki?.caFile,
      certFile: pki?.clientCertFile,
      keyFile: pki?.clientKeyFile,
      users: spec.users,
      scanner: spec.users.find((u) => u.role === 'scanner') ?? spec.users.find((u) => u.role === 'admin') ?? null,
      admin: spec.users.find((u) => u.role === 'admin') ?? null,
      clientCertRequired: spec.clientCert,
      renamedCommands: spec.renamedCommands,
      dir,
      pid: server.pid,
      readLog: server.readLog,
      stop: server.stop,
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Starts a real redis-server in the given posture on free loopback ports. */
export function startSandbox(posture: PostureName, options: StartOptions = {}): Promise<StartedSandbox> {
  return withPortRetry(() => startOnce(posture, options));
}
