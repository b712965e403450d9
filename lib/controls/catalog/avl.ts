import type { CatalogEntry } from './entry';

export const AVL_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-AVL-001',
    title: 'Automatic failover',
    platforms: ['self', 'ec', 'ms'],
    severity: 'high',
    why: '002 step 3: ensure that "Multi-AZ with Auto-Failover" is enabled; 001: `--tier=STANDARD_HA` ("High availability with failover"); 000: "automated failover".',
    passes: 'ec: `AutomaticFailover = enabled`. ms: `STANDARD_HA` with `replicaCount` ≥ 1. self: ≥ 1 replica and either cluster mode with a replica per primary shard or a Sentinel quorum monitoring this primary.',
    fix: {
      ec: 'Add a replica (`aws elasticache increase-replica-count --replication-group-id <id> --new-replica-count 1 --apply-immediately`), then `aws elasticache modify-replication-group --replication-group-id <id> --automatic-failover-enabled --apply-immediately`',
      ms: 'Use `--tier=STANDARD_HA` (new instance and migration if the tier cannot be changed in place).',
      self: 'Run Sentinel, or cluster mode with a replica per shard.',
    },
    notApplicable: { ecs: 'ElastiCache Serverless handles failover itself.' },
    thresholds: [],
  },
  {
    id: 'RED-AVL-002',
    title: 'Multi-AZ placement',
    platforms: ['self', 'ec', 'ms'],
    severity: 'medium',
    why: '002 step 3: "at least 1 of the read replicas in a separate zone"; 000: "multi‑AZ or multi‑region replicas".',
    passes: 'ec: `MultiAZ = enabled` and each node group spans ≥ 2 AZs. ms: `alternativeLocationId` set and ≠ `locationId`. self: a replica in a different zone from the primary (inventory zone labels).',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --multi-az-enabled --apply-immediately` with replicas in another AZ',
      ms: '`STANDARD_HA` with `--alternative-zone`',
      self: 'Put a replica in another zone and label both zones in the inventory.',
    },
    notApplicable: { ecs: 'ElastiCache Serverless manages placement itself.' },
    thresholds: [],
  },
];
