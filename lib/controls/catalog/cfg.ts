import { ALL_PLATFORMS, PLATFORM_GUARANTEE, type CatalogEntry } from './entry';

const NO_RENAMING =
  'Managed platforms offer no command renaming; ElastiCache blocks `config`/`debug`/`shutdown` itself; compensating control RED-ACL-003.';

export const CFG_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-CFG-001',
    title: 'Supported engine version',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '002 step 2: run "the latest Compliance-eligible ElastiCache for Redis engine version"; 001: `--redis-version=redis_7_0`.',
    passes: 'Engine major version ≥ `minEngineMajor` (redis 6, valkey 7) on every node.',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --engine-version 7.1 --apply-immediately` (or `--engine valkey --engine-version 8.0`)',
      ms: '`gcloud redis instances upgrade <id> --region=<r> --redis-version=redis_7_2`',
      self: 'Upgrade the Redis/Valkey package.',
      ecs: 'Upgrade the serverless cache to a supported major engine version.',
    },
    notApplicable: {},
    thresholds: ['minEngineMajor'],
  },
  {
    id: 'RED-CFG-002',
    title: 'Automatic minor version upgrades',
    platforms: ['ec', 'ecs', 'ms'],
    severity: 'medium',
    why: '002 step 2: stay on the latest compliance-eligible engine; 000: "remediate findings quickly".',
    passes: 'ec: `AutoMinorVersionUpgrade = true` on the group and all members. ecs, ms: platform guarantee.',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --auto-minor-version-upgrade --apply-immediately`',
      ecs: PLATFORM_GUARANTEE,
      ms: PLATFORM_GUARANTEE,
    },
    notApplicable: { self: 'Self-hosted: patch level is RED-CFG-001 plus the remediation SLA (RED-PRC-004).' },
    thresholds: [],
  },
  {
    id: 'RED-CFG-003',
    title: 'Maintenance and backup windows set',
    platforms: ['ec', 'ecs', 'ms'],
    severity: 'low',
    why: '002 step 5: "specify a window for both backups as well as maintenance"; 000: "record change windows".',
    passes: 'Maintenance and backup windows present (and inside `allowedMaintenanceWindows` when configured).',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --preferred-maintenance-window sun:07:00-sun:08:00 --snapshot-window 05:00-06:00`',
      ecs: '`aws elasticache modify-serverless-cache --serverless-cache-name <n> --daily-snapshot-time 04:00`',
      ms: '`gcloud redis instances update <id> --region=<r> --maintenance-window-day=SUNDAY --maintenance-window-hour=6`',
    },
    notApplicable: { self: 'Self-hosted: change windows are evidenced by RED-PRC-006.' },
    thresholds: ['allowedMaintenanceWindows'],
  },
  {
    id: 'RED-CFG-004',
    title: 'Custom parameter group',
    platforms: ['ec'],
    severity: 'low',
    why: '002 step 2: "a custom parameter group will be required if you\'re planning on changing any of the default parameters (which you should be when accepting PHI)".',
    passes: 'No member cluster uses a parameter group whose name starts with `default.`.',
    fix: {
      ec: '`aws elasticache create-cache-parameter-group --cache-parameter-group-name phi-redis7 --cache-parameter-group-family redis7 --description "PHI baseline"`, then `aws elasticache modify-replication-group --replication-group-id <id> --cache-parameter-group-name phi-redis7 --apply-immediately`',
    },
    notApplicable: {
      ecs: 'ElastiCache Serverless has no parameter groups.',
      ms: 'Memorystore has no parameter groups.',
      self: 'Self-hosted instances have no parameter groups.',
    },
    thresholds: [],
  },
  {
    id: 'RED-CFG-005',
    title: 'Idle timeout and TCP keepalive',
    platforms: ['self', 'ec'],
    severity: 'low',
    why: '000: "Apply reasonable idle timeouts and TCP keepalives to reduce abandoned sessions".',
    passes: '1 ≤ `timeout` ≤ `idleTimeoutMaxSeconds` and 1 ≤ `tcp-keepalive` ≤ `tcpKeepaliveMaxSeconds`.',
    fix: {
      ec: '`aws elasticache modify-cache-parameter-group --cache-parameter-group-name <custom> --parameter-name-values ParameterName=timeout,ParameterValue=900 ParameterName=tcp-keepalive,ParameterValue=300` (needs RED-CFG-004)',
      self: 'redis.conf: `timeout 900`, `tcp-keepalive 300`',
    },
    notApplicable: {
      ecs: 'ElastiCache Serverless exposes no parameters.',
      ms: 'Memorystore does not expose `timeout`/`tcp-keepalive` (as far as verified; catalog §7) and `CONFIG` is not available.',
    },
    thresholds: ['idleTimeoutMaxSeconds', 'tcpKeepaliveMaxSeconds'],
  },
  {
    id: 'RED-CFG-006',
    title: 'High-risk commands renamed or disabled',
    platforms: ['self'],
    severity: 'low',
    why: '000: "rename or disable sensitive commands even for admins".',
    passes: 'Every command in `highRiskCommands` (default FLUSHALL, FLUSHDB, DEBUG) is unavailable under its own name; DEBUG also counts when `enable-debug-command` is `no`.',
    fix: {
      self: 'redis.conf: `rename-command FLUSHALL ""`, `rename-command FLUSHDB ""`, `enable-debug-command no` (restart needed)',
    },
    notApplicable: {
      ec: NO_RENAMING,
      ecs: NO_RENAMING,
      ms: NO_RENAMING,
    },
    thresholds: ['highRiskCommands'],
  },
];
