// The retention purge as housekeeping: the maintenance loop (in-process scheduler and BullMQ
// workers alike) calls this every tick; it purges once per UTC day per process. Concurrent purges
// from several processes are safe (the second finds nothing left to do).
import { logger } from '../log/logger';
import { purgeExpiredAuditLog } from './purge-audit-log';

let lastPurgeDay: string | null = null;

export async function purgeAuditLogDaily(now: Date): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  if (lastPurgeDay === day) return;
  lastPurgeDay = day;
  const result = await purgeExpiredAuditLog({ now, via: 'scheduler' });
  if (result.status === 'purged') logger.info({ firstSeq: result.firstSeq, lastSeq: result.lastSeq, count: result.count, retentionDays: result.retentionDays }, 'audit log: expired entries purged');
  if (result.status === 'refused') logger.error({ brokenAt: result.brokenAt, reason: result.reason }, 'audit log purge refused: the chain is broken in the expired range (run `redis-compliance audit-log verify`)');
}
