import { ALL_PLATFORMS, type CatalogEntry } from './entry';

const REVOKE_WORLD_INGRESS =
  "`aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions <world-open rule>` and allow the application's group instead (`aws ec2 authorize-security-group-ingress --group-id <sg> --protocol tcp --port <port> --source-group <app-sg>`)";
const PRIVATE_SUBNETS =
  "Remove the internet-gateway route from the cache subnets' route table, or move the cache to a subnet group made of private subnets (new cluster restored from a snapshot).";
const REVOKE_WORLD_EGRESS =
  "`aws ec2 revoke-security-group-egress --group-id <sg> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'` and add only the egress the cache needs";

export const NET_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-NET-001',
    title: 'No ingress from outside the allowed networks',
    platforms: ALL_PLATFORMS,
    severity: 'critical',
    why: '000: "Allowlist client subnets; deny 0.0.0.0/0 everywhere", "Bind Redis only to internal interfaces and keep protected-mode enabled"; 002 step 2: the port "should be firewalled".',
    passes: 'ec/ecs: every ingress rule covering a cache port has only security-group sources or CIDRs inside `allowedClientCidrs`. ms: `host` and `readEndpoint` inside `privateRanges`. self: every `bind` address inside `privateRanges` (no `*`, `0.0.0.0`, `::`, `-::*`), the endpoint resolves only to such addresses, and `protected-mode` = `yes`.',
    fix: {
      ec: REVOKE_WORLD_INGRESS,
      ecs: REVOKE_WORLD_INGRESS,
      self: 'redis.conf: `bind 10.0.1.5 127.0.0.1` and `protected-mode yes`',
      ms: 'Memorystore offers no public address: keep `host`/`readEndpoint` in a private `--reserved-ip-range` (e.g. `10.0.0.0/29`).',
    },
    notApplicable: {},
    thresholds: ['privateRanges', 'allowedClientCidrs'],
  },
  {
    id: 'RED-NET-002',
    title: 'Private connectivity only',
    platforms: ['ec', 'ecs', 'ms'],
    severity: 'high',
    why: '000: "Deploy Redis in private, non-internet-routable subnets"; 001: "Private network access only", `--connect-mode=PRIVATE_SERVICE_ACCESS`.',
    passes: "ec/ecs: no subnet's route table has `0.0.0.0/0` or `::/0` to an internet gateway (`igw-…`). ms: `connectMode = PRIVATE_SERVICE_ACCESS`.",
    fix: {
      ec: PRIVATE_SUBNETS,
      ecs: PRIVATE_SUBNETS,
      ms: 'Create the instance with `--connect-mode=PRIVATE_SERVICE_ACCESS` and migrate.',
    },
    notApplicable: { self: 'Self-hosted: addresses are checked by RED-NET-001.' },
    thresholds: [],
  },
  {
    id: 'RED-NET-003',
    title: 'Dedicated subnet group / network',
    platforms: ['ec', 'ms'],
    severity: 'medium',
    why: '002 step 3: "create a new subnet … select the appropriate VPC"; 001: `--network=…/phi-vpc`; 000: "dedicated high-sensitivity zone".',
    passes: 'ec: subnet group name is not `default`. ms: `authorizedNetwork` does not end in `/global/networks/default`.',
    fix: {
      ec: '`aws elasticache create-cache-subnet-group --cache-subnet-group-name phi-private --subnet-ids …` and restore a snapshot into a cluster that uses it.',
      ms: 'Create the instance with `--network=projects/<p>/global/networks/<phi-vpc>` and migrate.',
    },
    notApplicable: {
      ecs: 'Serverless caches have no subnet group; RED-NET-002 covers their subnets.',
      self: 'Self-hosted instances have no subnet group or authorized network.',
    },
    thresholds: [],
  },
  {
    id: 'RED-NET-004',
    title: 'Egress restricted',
    platforms: ['self', 'ec', 'ecs'],
    severity: 'low',
    why: '000: constrain "both ingress and egress"; "Limit egress to essential services such as time sync, key management, and backup targets".',
    passes: 'ec/ecs: no egress rule with `IpProtocol -1` (or all ports) to `0.0.0.0/0` or `::/0`. self: a current host-hardening attestation says egress is limited.',
    fix: {
      ec: REVOKE_WORLD_EGRESS,
      ecs: REVOKE_WORLD_EGRESS,
      self: 'Host or network-policy egress allowlist (time sync, KMS, backup target), then record the host-hardening attestation.',
    },
    notApplicable: { ms: 'Google-managed network: no customer egress control on the instance.' },
    thresholds: ['attestationMaxAgeDays'],
  },
  {
    id: 'RED-NET-005',
    title: 'Non-default service port',
    platforms: ['self', 'ec'],
    severity: 'low',
    why: '002 step 2: change the port "to something other than the default".',
    passes: 'ec: port ≠ 6379. self: no enabled listener (`port`/`tls-port` ≠ 0) is 6379.',
    fix: {
      ec: 'The port is fixed at creation — restore a snapshot into a new cluster with `--port 6380`.',
      self: 'redis.conf: `port 0` and `tls-port 6380`',
    },
    notApplicable: {
      ecs: 'Serverless endpoints are fixed at 6379/6380.',
      ms: 'Memorystore ports are fixed (6378 with TLS, 6379 without).',
    },
    thresholds: [],
  },
  {
    id: 'RED-NET-006',
    title: 'Production separated from non-production',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: "prevent cross-environment peering … with route controls and distinct certificate authorities"; "Keep production and nonproduction credentials and keyspaces strictly separate".',
    passes: 'A production instance (environment in `productionEnvironments`) shares no network, credential or CA with any non-production instance.',
    fix: {
      all: 'Give production its own VPC/network, its own ElastiCache users and user groups (or ACL passwords), and its own CA; then re-scan.',
    },
    notApplicable: {},
    thresholds: ['productionEnvironments'],
  },
];
