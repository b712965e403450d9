// Restores a backup into a throw-away `redis-server`: the file (or AOF directory) is COPIED into a
// private temp dir, a server on a free loopback port with a random password loads it, and the
// restored key counts are read with INFO keyspace before the server is stopped and the dir removed.
// Only the backup file is read: the production instance is never contacted. Plain Node (shared by
// the app and tests).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import Redis from 'ioredis';
import { findFreePort } from '../redis-sandbox/free-port';
import { launchServer, makeSandboxDir, SandboxStartError, withPortRetry } from '../redis-sandbox/server';
import { readRdbHeader } from './rdb-header';

export type BackupKind = 'rdb' | 'aof';

export interface RestoreInput {
  backupPath: string;
  kind: BackupKind;
  /** redis-server executable (default from PATH). */
  redisServer?: string;
  /** How long loading may take before the drill gives up (default 10 min). */
  loadTimeoutMs?: number;
}

export interface BackupIdentity {
  sha256: string;
  size: number;
  /** When the backup was taken: RDB `ctime`, else the newest file mtime. */
  takenAt: string;
  takenAtSource: 'rdb ctime' | 'file mtime';
}

export type RestoreOutcome =
  | {
      ok: true;
      backup: BackupIdentity;
      /** Keys per database after loading, e.g. { 0: 1200, 3: 14 }. */
      keysPerDb: Record<number, number>;
      /** From the start of the copy to "ready" (the data is loaded when the server accepts connections). */
      loadMs: number;
      target: string;
    }
  | { ok: false; stage: 'backup' | 'load' | 'inspect'; reason: string; backup: BackupIdentity | null; loadMs: number | null };

/** `db0:keys=12,expires=3,avg_ttl=0` lines → { 0: 12 }. */
export function parseKeyspace(info: string | Record<string, string>): Record<number, number> {
  const entries = typeof info === 'string' ? info.split(/\r?\n/).map((l) => l.split(':') as [string, string]) : Object.entries(info);
  const out: Record<number, number> = {};
  for (const [name, value] of entries) {
    const db = /^db(\d+)$/.exec(name?.trim() ?? '');
    const keys = /keys=(\d+)/.exec(value ?? '');
    if (db && keys) out[Number(db[1])] = Number(keys[1]);
  }
  return out;
}

async function filesOf(source: string): Promise<string[]> {
  const info = await stat(source);
  if (!info.isDirectory()) return [source];
  const names = (await readdir(source)).sort();
  return names.map((n) => path.join(source, n));
}

/** SHA-256 streamed over the files (one file: its own hash, comparable with `sha256sum`). */
async function hashFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    if (files.length > 1) hash.update(`${path.basename(file)}\n`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

async function identify(source: string, kind: BackupKind): Promise<BackupIdentity> {
  const files = await filesOf(source);
  const stats = await Promise.all(files.map((f) => stat(f)));
  const size = stats.reduce((s, st) => s + st.size, 0);
  const sha256 = await hashFiles(files);
  const header = kind === 'rdb' ? await readRdbHeader(source).catch(() => null) : null;
  if (header?.createdAt) return { sha256, size, takenAt: header.createdAt, takenAtSource: 'rdb ctime' };
  return { sha256, size, takenAt: new Date(Math.max(...stats.map((st) => st.mtime.getTime()))).toISOString(), takenAtSource: 'file mtime' };
}

/** The log lines that say why the server refused the file (Redis marks warnings with `#`). */
export function loadFailureReason(log: string): string {
  const warnings = log
    .split('\n')
    .filter((l) => / # /.test(l))
    .map((l) => l.replace(/^.*? # /, '').trim())
    .filter((l) => !/oO0OoO0OoO0Oo|WARNING overcommit|WARNING Memory overcommit|^Server initialized$/.test(l));
  const last = warnings.slice(-3).join(' / ');
  return last ? `redis-server could not load the backup: ${last}` : `redis-server exited while loading the backup: ${log.trim().split('\n').slice(-2).join(' / ').slice(0, 400)}`;
}

async function launchOn(dir: string, kind: BackupKind, password: string, input: RestoreInput) {
  const port = await findFreePort();
  const config = [
    'daemonize no',
    'bind 127.0.0.1',
    `port ${port}`,
    'protected-mode yes',
    `dir ${dir}`,
    'dbfilename dump.rdb',
    'save ""',
    ...(kind === 'aof' ? ['appendonly yes', 'appenddirname appendonlydir'] : ['appendonly no']),
    `requirepass ${password}`,
    'shutdown-on-sigterm nosave force',
  ];
  const server = await launchServer({ dir, config, logFile: null }, { readyTimeoutMs: input.loadTimeoutMs ?? 600_000, redisServer: input.redisServer });
  return { port, server };
}

export async function restoreInSandbox(input: RestoreInput): Promise<RestoreOutcome> {
  let backup: BackupIdentity;
  try {
    const info = await stat(input.backupPath);
    if (input.kind === 'rdb' && !info.isFile()) return { ok: false, stage: 'backup', reason: `${input.backupPath} is not a file (an RDB backup is one file)`, backup: null, loadMs: null };
    backup = await identify(input.backupPath, input.kind);
  } catch (err) {
    return { ok: false, stage: 'backup', reason: `cannot read the backup at ${input.backupPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, backup: null, loadMs: null };
  }

  const started = performance.now();
  const password = randomBytes(24).toString('base64url');
  let launched: Awaited<ReturnType<typeof launchOn>>;
  try {
    launched = await withPortRetry(async () => {
      // A fresh dir per attempt: launchServer removes it when the start fails.
      const dir = await makeSandboxDir('drill');
      if (input.kind === 'rdb') await copyFile(input.backupPath, path.join(dir, 'dump.rdb'));
      else if ((await stat(input.backupPath)).isDirectory()) await cp(input.backupPath, path.join(dir, 'appendonlydir'), { recursive: true });
      else await copyFile(input.backupPath, path.join(dir, 'appendonly.aof'));
      return launchOn(dir, input.kind, password, input);
    });
  } catch (err) {
    const reason = err instanceof SandboxStartError ? loadFailureReason(err.log) : `the sandbox could not start: ${(err as Error).message}`;
    return { ok: false, stage: 'load', reason, backup, loadMs: Math.round(performance.now() - started) };
  }
  const loadMs = Math.round(performance.now() - started);

  const client = new Redis({ host: '127.0.0.1', port: launched.port, password, maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  try {
    await client.connect();
    const keysPerDb = parseKeyspace(await client.info('keyspace'));
    return { ok: true, backup, keysPerDb, loadMs, target: `sandbox redis-server 127.0.0.1:${launched.port}` };
  } catch (err) {
    return { ok: false, stage: 'inspect', reason: `the restored server did not answer INFO keyspace: ${(err as Error).message}`, backup, loadMs };
  } finally {
    client.disconnect();
    await launched.server.stop();
  }
}
