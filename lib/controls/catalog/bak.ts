import { ALL_PLATFORMS, PLATFORM_GUARANTEE, type CatalogEntry } from './entry';

export const BAK_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-BAK-001',
    title: 'Automatic backups with minimum retention',
    platforms: ['ec', 'ecs'],
    severity: 'high',
    why: '002 step 5: ensure that the "Enable automatic backups" option is selected; retention is organisation-specific, 35 days recommended.',
    passes: '`SnapshotRetentionLimit` ≥ `backupRetentionMinDays` (default 1; set 35 to follow 002).',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --snapshot-retention-limit 35 --snapshot-window 05:00-06:00 --apply-immediately`',
      ecs: '`aws elasticache modify-serverless-cache --serverless-cache-name <n> --snapshot-retention-limit 35`',
    },
    notApplicable: {
      ms: 'Memorystore for Redis has no managed backup schedule; durability is RED-BAK-003 plus exports in RED-PRC-001/RED-PRC-010 (catalog §7).',
      self: 'Self-hosted backups run outside Redis: RED-BAK-002, RED-PRC-010.',
    },
    thresholds: ['backupRetentionMinDays'],
  },
  {
    id: 'RED-BAK-002',
    title: 'Latest backup / persistence run recent and successful',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: "Watch … AOF/RDB success states, … persistence rewrite failures".',
    passes: 'ec/ecs: newest automated snapshot `available` and younger than `backupMaxAgeHours`. self/ms: when RDB is on, `rdb_last_bgsave_status:ok` and last save younger than `backupMaxAgeHours`; when AOF is on, AOF write and rewrite statuses `ok`.',
    fix: {
      all: 'Find why the snapshot or `BGSAVE` failed (disk space, fork memory — `vm.overcommit_memory=1` on Linux hosts, permissions) and fix it; ElastiCache: check the cluster events.',
    },
    notApplicable: {},
    thresholds: ['backupMaxAgeHours'],
  },
  {
    id: 'RED-BAK-003',
    title: 'Persistence meets RPO; writes stop on failed saves',
    platforms: ['self', 'ms'],
    severity: 'high',
    why: '000: "pair AOF with everysec … and periodic RDB snapshots", "stopping writes on failed background saves".',
    passes: 'self: `appendonly yes`, `appendfsync` ∈ {everysec, always}, `save` non-empty, `stop-writes-on-bgsave-error yes`. ms: `persistenceMode = RDB` and the snapshot period ≤ `rpoTargetMinutes`.',
    fix: {
      self: 'redis.conf: `appendonly yes`, `appendfsync everysec`, `save 3600 1 300 100 60 10000`, `stop-writes-on-bgsave-error yes`',
      ms: '`gcloud redis instances update <id> --region=<r> --persistence-mode=RDB --rdb-snapshot-period=12h`',
    },
    notApplicable: {
      ec: 'No AOF on current ElastiCache engines; durability comes from replicas and snapshots (RED-AVL-001, RED-BAK-001; catalog §7).',
      ecs: 'No AOF on ElastiCache Serverless; durability comes from snapshots (RED-BAK-001; catalog §7).',
    },
    thresholds: ['rpoTargetMinutes'],
  },
  {
    id: 'RED-BAK-004',
    title: 'Backups encrypted with managed keys',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: "Encrypt backups at creation time with strong algorithms and centrally managed keys", "Use Encrypted Backups for copies stored off-host".',
    passes: 'ec: snapshots come from an at-rest-encrypted source. ecs, ms: platform guarantee. self: every backup copy recorded in the last `backupMaxAgeHours` is encrypted with an external (KMS) key that is not on the Redis host.',
    fix: {
      ec: 'Enable at-rest encryption (RED-ENC-001).',
      self: 'Encrypt each copy with a KMS key as it is written (e.g. `aws s3 cp dump.rdb s3://<bucket>/… --sse aws:kms --sse-kms-key-id <key>`), keep keys off the Redis host, and record the copy.',
      ecs: PLATFORM_GUARANTEE,
      ms: PLATFORM_GUARANTEE,
    },
    notApplicable: {},
    thresholds: ['backupMaxAgeHours'],
  },
];
