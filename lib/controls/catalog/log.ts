import { ALL_PLATFORMS, type CatalogEntry } from './entry';

export const LOG_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-LOG-001',
    title: 'Control-plane audit trail on',
    platforms: ['ec', 'ecs', 'ms'],
    severity: 'high',
    why: '002 step 6: CloudTrail "provides the ability to audit actions"; "Audit logging must always be on and in place while the system is active".',
    passes: "ec/ecs: a CloudTrail trail that is multi-region or homed in the cache's region is logging all management events. ms: platform guarantee (Admin Activity audit logs).",
    fix: {
      ec: '`aws cloudtrail create-trail --name org-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation` and `aws cloudtrail start-logging --name org-trail`',
      ecs: '`aws cloudtrail create-trail --name org-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation` and `aws cloudtrail start-logging --name org-trail`',
    },
    notApplicable: { self: 'Self-hosted instances have no control plane; changes are caught by RED-PRC-006 and RED-LOG-002.' },
    thresholds: [],
  },
  {
    id: 'RED-LOG-002',
    title: 'Server logs shipped centrally at notice/warning',
    platforms: ['self', 'ec'],
    severity: 'medium',
    why: '000: "Capture connection events, authentication outcomes, ACL denials, and configuration changes, and ship them to a centralized logging platform"; "Set log level to notice or warning".',
    passes: 'ec: engine-log delivery `active`. self: `loglevel` ∈ {notice, warning}, `syslog-enabled yes` or `logfile` set, and a shipping destination attested in a current log-retention attestation.',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --apply-immediately --log-delivery-configurations \'{"LogType":"engine-log","DestinationType":"cloudwatch-logs","DestinationDetails":{"CloudWatchLogsDetails":{"LogGroup":"/aws/elasticache/<id>/engine"}},"LogFormat":"json"}\'`',
      self: 'redis.conf: `loglevel notice`, `syslog-enabled yes` (or `logfile …` read by a shipper), then attest the destination.',
    },
    notApplicable: {
      ecs: 'AWS: log delivery is not supported for serverless caches; compensating control RED-LOG-001.',
      ms: 'No Redis server-log export found for Memorystore for Redis (catalog §7); compensating control RED-LOG-001.',
    },
    thresholds: ['attestationMaxAgeDays'],
  },
  {
    id: 'RED-LOG-003',
    title: 'ACL log, slow log and latency monitor on',
    platforms: ['self', 'ec', 'ms'],
    severity: 'medium',
    why: '000: "log all ACL violations"; "Use SLOWLOG and latency tools to reveal abuse and performance regressions".',
    passes: 'self: `acllog-max-len` > 0, `slowlog-log-slower-than` ≥ 0, `slowlog-max-len` > 0, `latency-monitor-threshold` > 0. ec: slow-log delivery active. ms: `SLOWLOG LEN` answers.',
    fix: {
      self: 'redis.conf: `acllog-max-len 128`, `slowlog-log-slower-than 10000`, `slowlog-max-len 128`, `latency-monitor-threshold 100`',
      ec: 'As RED-LOG-002 with `"LogType":"slow-log"`.',
    },
    notApplicable: { ecs: 'ElastiCache Serverless offers no log delivery.' },
    thresholds: [],
  },
  {
    id: 'RED-LOG-004',
    title: 'Log retention, integrity and coverage',
    platforms: ALL_PLATFORMS,
    severity: 'medium',
    why: '002 step 6: "Records must be retained for 90 days with older records being archived for at least one year"; 000: "tamper-evident or immutable", "Automate log rotation", "validate that Audit Logging covers all PHI-touching pathways".',
    passes: 'Online ≥ `logRetentionMinDays` (or never-expire), archive ≥ `logArchiveMinDays`, an integrity mechanism (log-file validation / WORM / locked bucket), automated rotation, and coverage reviewed within `attestationMaxAgeDays`.',
    fix: {
      all: '`aws logs put-retention-policy --log-group-name <group> --retention-in-days 90` (or longer), `aws cloudtrail update-trail --name <trail> --enable-log-file-validation`, archive to locked storage for ≥ 1 year, then record the log-retention attestation.',
      self: 'Keep server logs online ≥ 90 days and archived ≥ 1 year in tamper-evident storage with automated rotation, then record the log-retention attestation.',
    },
    notApplicable: {},
    thresholds: ['logRetentionMinDays', 'logArchiveMinDays', 'attestationMaxAgeDays'],
  },
  {
    id: 'RED-LOG-005',
    title: 'Server clock synchronized',
    platforms: ALL_PLATFORMS,
    severity: 'low',
    why: '000: "maintain clock synchronization".',
    passes: '|server time − probe time| ≤ `clockSkewMaxSeconds`, measured at the midpoint of the round trip, with the probe clock itself synchronized.',
    fix: {
      self: 'Run chrony/NTP on the host.',
      ec: 'Managed platform: report to the provider.',
      ecs: 'Managed platform: report to the provider.',
      ms: 'Managed platform: report to the provider.',
    },
    notApplicable: {},
    thresholds: ['clockSkewMaxSeconds'],
  },
];
