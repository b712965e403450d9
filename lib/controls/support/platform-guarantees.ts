// Facts the services guarantee (catalog §1.2 "pass by platform"). A control may pass on one of
// these only when the resource kind was positively identified from a successful API response in
// the snapshot being evaluated; its `observed` then reads `platform guarantee:<id>`. Every entry
// names the provider documentation it rests on, so an auditor can check the claim.

import type { CloudFacts } from '../context';
import type { Platform } from '../types';
import { missingVerdict, ptr } from './facts';
import type { Verdict } from './verdict';

export interface PlatformGuarantee {
  platform: Exclude<Platform, 'self'>;
  /** What the provider states, in short. */
  statement: string;
  /** Provider documentation page. */
  reference: string;
  /** Why the guarantee applies although the page does not say it in these words (catalog §7). */
  note?: string;
}

const AWS_IN_TRANSIT = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html';
const AWS_AT_REST = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html';
const GCP_IN_TRANSIT = 'https://cloud.google.com/memorystore/docs/redis/about-in-transit-encryption';

export const PLATFORM_GUARANTEES = {
  'ecs-in-transit-encryption': {
    platform: 'ecs',
    statement: 'All serverless caches have in-transit encryption enabled.',
    reference: AWS_IN_TRANSIT,
  },
  'ecs-tls-only-endpoints': {
    platform: 'ecs',
    statement: 'Serverless caches have in-transit encryption always on: their endpoints accept TLS connections only.',
    reference: AWS_IN_TRANSIT,
    note: 'plaintext refusal is inferred from "always enabled" (catalog §7 item 5)',
  },
  'ecs-tls12-minimum': {
    platform: 'ecs',
    statement: 'ElastiCache engines compatible with Redis OSS 6 and later accept TLS 1.2 or newer only; serverless engines are Redis OSS 7 / Valkey 7.2 and later.',
    reference: AWS_IN_TRANSIT,
    note: 'inferred from the 2024 ElastiCache TLS 1.2 minimum for engines ≥ 6 (catalog §7 item 5)',
  },
  'ecs-encrypted-node-traffic': {
    platform: 'ecs',
    statement: 'In-transit encryption, always on for serverless caches, also encrypts data moving between nodes.',
    reference: AWS_IN_TRANSIT,
  },
  'ecs-at-rest-encryption': {
    platform: 'ecs',
    statement: 'At-rest encryption is always enabled on a serverless cache.',
    reference: AWS_AT_REST,
  },
  'ecs-encrypted-backups': {
    platform: 'ecs',
    statement: 'At-rest encryption, always on for serverless caches, covers backups stored in Amazon S3.',
    reference: AWS_AT_REST,
  },
  'ecs-automatic-version-upgrades': {
    platform: 'ecs',
    statement: 'ElastiCache Serverless automatically applies the latest minor and patch software version to the cache.',
    reference: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagement.html',
  },
  'ec-tls12-minimum': {
    platform: 'ec',
    statement: 'Since 2025-05-08 ElastiCache engines compatible with Redis OSS 6 and later (and Valkey) accept TLS 1.2 or newer only.',
    reference: AWS_IN_TRANSIT,
    note: 'AWS announcement of May 2024; TLS 1.0/1.1 were accepted until 2025-05-08 (catalog RED-TLS-003)',
  },
  'ec-encrypted-node-traffic': {
    platform: 'ec',
    statement: 'With TransitEncryptionEnabled, data moving between nodes of the cluster (replication) is encrypted.',
    reference: AWS_IN_TRANSIT,
    note: 'catalog §7 item 15',
  },
  'ec-encrypted-backups': {
    platform: 'ec',
    statement: 'At-rest encryption encrypts the backups of the cache stored in Amazon S3.',
    reference: AWS_AT_REST,
  },
  'ms-tls-only-clients': {
    platform: 'ms',
    statement: 'With in-transit encryption enabled, Redis clients that are not configured for TLS are blocked.',
    reference: GCP_IN_TRANSIT,
  },
  'ms-tls12-minimum': {
    platform: 'ms',
    statement: 'Memorystore for Redis only supports TLS protocol versions 1.2 or higher.',
    reference: GCP_IN_TRANSIT,
  },
  'ms-standard-tier-replication-encrypted': {
    platform: 'ms',
    statement: 'For Standard Tier instances, replicated data is encrypted at the network level.',
    reference: GCP_IN_TRANSIT,
  },
  'ms-default-encryption-at-rest': {
    platform: 'ms',
    statement: 'Google Cloud encrypts customer data at rest by default; a customer-managed key is optional (RED-ENC-002).',
    reference: 'https://cloud.google.com/docs/security/encryption/default-encryption',
  },
  'ms-encrypted-backups': {
    platform: 'ms',
    statement: 'RDB snapshots and exports are customer data stored by Google and encrypted at rest by default.',
    reference: 'https://cloud.google.com/docs/security/encryption/default-encryption',
  },
  'ms-managed-maintenance': {
    platform: 'ms',
    statement: 'Google applies Memorystore maintenance (engine patches) to the instance; maintenanceVersion is recorded.',
    reference: 'https://cloud.google.com/memorystore/docs/redis/about-maintenance',
  },
  'ms-admin-activity-audit-logs': {
    platform: 'ms',
    statement: 'Cloud Audit Logs always write Admin Activity entries for redis.googleapis.com; they cannot be disabled.',
    reference: 'https://cloud.google.com/memorystore/docs/redis/audit-logging',
    note: 'standard Cloud Audit Logs behaviour (catalog §7 item 4)',
  },
} as const satisfies Record<string, PlatformGuarantee>;

export type PlatformGuaranteeId = keyof typeof PLATFORM_GUARANTEES;

export function guaranteeRef(id: PlatformGuaranteeId): string {
  return `platform-facts/${id}`;
}

/** The describe response that identifies the resource kind: settings (AWS) or instance (Google). */
function identification(facts: CloudFacts) {
  return facts.platform === 'ms'
    ? { fact: facts.instance, ref: ptr('instance') }
    : { fact: facts.settings, ref: ptr('settings') };
}

/**
 * Pass on a guarantee of the resource's platform, resting on the describe response that identified
 * it. When that response is missing the verdict is error / not_assessable, never a pass.
 */
export function passByPlatform(id: PlatformGuaranteeId, facts: CloudFacts, conditionRefs: string[] = []): Verdict {
  const guarantee: PlatformGuarantee = PLATFORM_GUARANTEES[id];
  if (guarantee.platform !== facts.platform) throw new Error(`guarantee ${id} is for ${guarantee.platform}, not ${facts.platform}`);
  const { fact, ref } = identification(facts);
  if (!fact.ok) return missingVerdict(fact, ref);
  return { status: 'pass', observed: `platform guarantee:${id}`, evidenceRefs: [ref, ...conditionRefs, guaranteeRef(id)] };
}
