import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { controlCases } from './cases';
import { configOf, iso, missing } from './fixtures';

const HOUR = 3_600_000;
const noReplicas = (f: SelfHostedFacts) => f.role.ok && (f.role.value.replicas = []);
const persistence = (f: SelfHostedFacts) => {
  if (!f.persistence.ok) throw new Error('persistence missing');
  return f.persistence.value;
};

controlCases('RED-AVL-001', [
  { name: 'replica plus Sentinel quorum: pass', status: 'pass' },
  { name: 'no replica: fail', facts: noReplicas, status: 'fail', reason: /no replica/ },
  { name: 'replicas but no Sentinel and not clustered: fail', facts: (f) => delete f.sentinel, status: 'fail', reason: /no Sentinel/ },
  {
    name: 'cluster mode with a replica for this shard: pass',
    facts: (f) => {
      delete f.sentinel;
      if (f.server.ok) f.server.value.mode = 'cluster';
    },
    status: 'pass',
  },
  {
    name: 'Sentinels below quorum: fail',
    facts: (f) => f.sentinel?.ok && Object.assign(f.sentinel.value, { knownSentinels: 1, quorum: 2 }),
    status: 'fail',
    reason: /quorum 2/,
  },
  { name: 'Sentinel refuses SENTINEL MASTER: not_assessable', facts: (f) => (f.sentinel = missing('unknown_command')), status: 'not_assessable' },
  { name: 'Sentinels unreachable: error', facts: (f) => (f.sentinel = missing('refused')), status: 'error' },
  { name: 'INFO/ROLE refused: not_assessable', facts: (f) => (f.role = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-AVL-002', [
  { name: 'replica in another zone: pass', status: 'pass' },
  { name: 'all in one zone: fail', ctx: (c) => (c.instance!.replicaZones = ['zone-a']), status: 'fail', reason: /zone-a/ },
  { name: 'no zone labels: not_assessable', ctx: (c) => (c.instance!.zone = undefined), status: 'not_assessable', reason: /zone labels/ },
  { name: 'no replicas: not_applicable, depends on AVL-001', facts: noReplicas, status: 'not_applicable', dependsOn: 'RED-AVL-001' },
  { name: 'ROLE timeout: error', facts: (f) => (f.role = missing('timeout')), status: 'error' },
]);

controlCases('RED-BAK-002', [
  { name: 'RDB ok 1 h ago, AOF ok: pass', status: 'pass' },
  { name: 'rdb_last_bgsave_status:err: fail', facts: (f) => (persistence(f).rdbLastBgsaveStatus = 'err'), status: 'fail', reason: /bgsave_status:err/ },
  {
    name: 'last RDB save 4 days ago: fail',
    facts: (f) => (persistence(f).rdbLastSaveTime = Math.floor((Date.parse(iso(-96 * HOUR))) / 1000)),
    status: 'fail',
    reason: /96 h ago/,
  },
  { name: 'aof_last_write_status:err: fail', facts: (f) => (persistence(f).aofLastWriteStatus = 'err'), status: 'fail', reason: /AOF last write status err/ },
  {
    name: 'RDB off (save ""), AOF ok: pass on AOF alone',
    facts: (f) => {
      configOf(f).save = '';
      persistence(f).rdbLastSaveTime = 0;
    },
    status: 'pass',
  },
  {
    name: 'nothing persisted: fail',
    facts: (f) => {
      configOf(f).save = '';
      persistence(f).aofEnabled = false;
    },
    status: 'fail',
    reason: /nothing is persisted/,
  },
  {
    name: 'old save and unreadable schedule: not_assessable',
    facts: (f) => {
      f.config = missing('noperm');
      persistence(f).rdbLastSaveTime = Math.floor(Date.parse(iso(-96 * HOUR)) / 1000);
    },
    status: 'not_assessable',
  },
  { name: 'INFO persistence refused: not_assessable', facts: (f) => (f.persistence = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-BAK-003', [
  { name: 'AOF everysec, RDB schedule, stop-writes: pass', status: 'pass' },
  { name: 'appendonly no: fail', facts: (f) => (configOf(f).appendonly = 'no'), status: 'fail', reason: /appendonly "no"/ },
  { name: 'appendfsync no: fail', facts: (f) => (configOf(f).appendfsync = 'no'), status: 'fail' },
  { name: 'save "": fail', facts: (f) => (configOf(f).save = ''), status: 'fail', reason: /save ""/ },
  { name: 'stop-writes-on-bgsave-error no: fail', facts: (f) => (configOf(f)['stop-writes-on-bgsave-error'] = 'no'), status: 'fail' },
  {
    name: 'CONFIG renamed but INFO shows AOF off: fail',
    facts: (f) => {
      f.config = missing('unknown_command');
      persistence(f).aofEnabled = false;
    },
    status: 'fail',
    reason: /AOF is off/,
  },
  { name: 'CONFIG renamed, AOF on: not_assessable', facts: (f) => (f.config = missing('unknown_command')), status: 'not_assessable' },
]);

controlCases('RED-BAK-004', [
  { name: 'recent copy encrypted with a KMS key: pass', status: 'pass' },
  { name: 'copy not encrypted: fail', ctx: (c) => (c.records!.backupCopies![0].encrypted = false), status: 'fail', reason: /bc-1/ },
  { name: 'key on the Redis host: fail', ctx: (c) => (c.records!.backupCopies![0].keyOnRedisHost = true), status: 'fail' },
  { name: 'no recent copy: fail', ctx: (c) => (c.records!.backupCopies![0].createdAt = iso(-72 * HOUR)), status: 'fail', reason: /no backup copy/ },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable' },
]);

