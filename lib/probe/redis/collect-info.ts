import type { InfoSections, PersistenceFacts, ServerIdentity } from '@/lib/facts/self-hosted';
import { UnparseableReplyError } from './outcome';

/** Engine identity from INFO server; Valkey prints `redis_version` first, then `valkey_version`. */
export function serverIdentity(info: InfoSections): ServerIdentity {
  const server = info.server ?? {};
  const engine = server.server_name === 'valkey' ? 'valkey' : 'redis';
  const version = (engine === 'valkey' ? server.valkey_version : undefined) ?? server.redis_version;
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  if (!version || !match) throw new UnparseableReplyError('INFO server without a version');
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  return {
    engine,
    version,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    redisVersion: server.redis_version ?? version,
    mode: server.redis_mode ?? 'standalone',
    os: server.os ?? null,
    uptimeSeconds: num(server.uptime_in_seconds),
    serverTimeUsec: num(server.server_time_usec),
  };
}

export function persistenceFacts(info: InfoSections): PersistenceFacts {
  const p = info.persistence;
  if (!p) throw new UnparseableReplyError('INFO without a persistence section');
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  return {
    rdbLastBgsaveStatus: p.rdb_last_bgsave_status ?? null,
    rdbLastSaveTime: num(p.rdb_last_save_time),
    rdbChangesSinceLastSave: num(p.rdb_changes_since_last_save),
    rdbBgsaveInProgress: p.rdb_bgsave_in_progress === '1',
    aofEnabled: p.aof_enabled === '1',
    aofLastWriteStatus: p.aof_last_write_status ?? null,
    aofLastBgrewriteStatus: p.aof_last_bgrewrite_status ?? null,
    aofRewriteInProgress: p.aof_rewrite_in_progress === '1',
  };
}
