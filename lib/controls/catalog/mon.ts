import { ALL_PLATFORMS, type CatalogEntry } from './entry';

export const MON_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-MON-001',
    title: 'Authentication failures below threshold',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: "Create alerts for repeated auth failures"; 002 step 6: "checked for and alerting on irregularities indicative of malfunction or misuse".',
    passes: 'Authentication failures per hour (`acl_access_denied_auth` delta, else `ACL LOG` entries with `reason=auth`) ≤ `authFailuresMaxPerHour`.',
    fix: {
      all: 'Find the source in the ACL LOG counts; rotate the credential if it leaked (RED-ROT-002), block the address, or fix the misconfigured client.',
    },
    notApplicable: {},
    thresholds: ['authFailuresMaxPerHour'],
  },
  {
    id: 'RED-MON-002',
    title: 'Clients connect only from known networks',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: alert on "connections from unknown networks"; "only approved application hosts can connect".',
    passes: "Every connected client address (the scanner's own connection excluded) is inside the instance's `allowedClientCidrs`.",
    fix: {
      all: "Identify the client; tighten the security group / firewall; if it is legitimate, add its network to the instance's allowlist (`allowedClientCidrs`).",
    },
    notApplicable: {},
    thresholds: ['allowedClientCidrs'],
  },
  {
    id: 'RED-MON-003',
    title: 'No destructive-command or deletion spike',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: alert on "unusual command patterns, or spikes in key deletions".',
    passes: 'Since the previous snapshot: no `FLUSHALL`/`FLUSHDB` unless an approved change record covers it; DEL+UNLINK rate ≤ `deleteSpikeFactor` × the previous interval\'s rate or fewer than `deleteSpikeMinCount`; no drop of more than 50 % of keys not explained by expirations and evictions.',
    fix: {
      all: 'Investigate the deletions; link the approved change record, or open an incident.',
    },
    notApplicable: {},
    thresholds: ['deleteSpikeFactor', 'deleteSpikeMinCount'],
  },
  {
    id: 'RED-MON-004',
    title: 'Role changes and failovers acknowledged',
    platforms: ALL_PLATFORMS,
    severity: 'medium',
    why: '000: "Track replication role changes, failovers, and certificate errors as potential incident precursors".',
    passes: 'No role, master or replication-id change since the previous snapshot, or every change has an acknowledgement.',
    fix: {
      all: 'Acknowledge the change with its cause on the instance page.',
    },
    notApplicable: {},
    thresholds: [],
  },
  {
    id: 'RED-MON-005',
    title: 'Memory, eviction and replication health',
    platforms: ALL_PLATFORMS,
    severity: 'medium',
    why: '000: "Watch memory usage, eviction counts, … replication lag".',
    passes: 'Used memory ≤ `memoryUsageMaxPercent` of the maximum; no evictions on a PHI-classified instance; replicas `master_link_status:up` with lag ≤ `replicationLagMaxSeconds`.',
    fix: {
      all: 'Raise memory (node type / `maxmemory`), fix the eviction policy or the replication link.',
    },
    notApplicable: {},
    thresholds: ['memoryUsageMaxPercent', 'replicationLagMaxSeconds'],
  },
  {
    id: 'RED-MON-006',
    title: 'Alert routing configured',
    platforms: ALL_PLATFORMS,
    severity: 'medium',
    why: '002 step 5: "select an SNS topic … to receive important notifications"; 002 step 6: "checked for and alerting on irregularities"; 000: "Create alerts …".',
    passes: 'ec: SNS topic set and `active`, and alert routing present. Other platforms: the app\'s finding notifications are enabled for the instance, or a current alert-routing attestation (≤ `attestationMaxAgeDays`).',
    fix: {
      ec: "`aws elasticache modify-replication-group --replication-group-id <id> --notification-topic-arn <sns-topic-arn> --apply-immediately`; enable the app's notifications for the instance or record the alert-routing attestation.",
      all: "Enable the app's notifications for the instance or record the alert-routing attestation.",
    },
    notApplicable: {},
    thresholds: ['attestationMaxAgeDays'],
  },
];
