import { ALL_PLATFORMS, PLATFORM_GUARANTEE, type CatalogEntry } from './entry';

export const ENC_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-ENC-001',
    title: 'Encryption at rest',
    platforms: ALL_PLATFORMS,
    severity: 'high',
    why: '000: "Protect Redis persistence files (RDB/AOF) … with full-volume or filesystem encryption"; 001: "Encryption in transit and at rest"; 002 step 4: select "Encryption at-rest".',
    passes: 'ec: `AtRestEncryptionEnabled = true`. ecs, ms: platform guarantee. self: a current host-hardening attestation (≤ `attestationMaxAgeDays`) states disk/filesystem encryption for the data paths (`dir`, `appenddirname`).',
    fix: {
      ec: 'At-rest encryption cannot be switched on in place — create a replication group with `--at-rest-encryption-enabled` and restore the latest snapshot into it.',
      self: 'Put `dir` (and the AOF directory) on an encrypted volume (dm-crypt/LUKS or an encrypted cloud disk), then record the host-hardening attestation.',
      ecs: PLATFORM_GUARANTEE,
      ms: PLATFORM_GUARANTEE,
    },
    notApplicable: {},
    thresholds: ['attestationMaxAgeDays'],
  },
  {
    id: 'RED-ENC-002',
    title: 'Customer-managed encryption key',
    platforms: ['ec', 'ecs', 'ms'],
    severity: 'medium',
    why: '000: "Manage encryption keys … in a centralized KMS or HSM"; "centrally managed keys".',
    passes: 'A customer-managed key is set (ec/ecs `KmsKeyId`, ms `customerManagedKey`).',
    fix: {
      ec: 'New replication group with `--at-rest-encryption-enabled --kms-key-id <key-arn>` restored from a snapshot.',
      ecs: 'New serverless cache with `--kms-key-id <key-arn>`.',
      ms: 'New instance with `--customer-managed-key=projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>` and migrate.',
    },
    notApplicable: { self: 'Self-hosted: host and backup keys are attested in RED-PRC-008/RED-PRC-009.' },
    thresholds: [],
  },
];
