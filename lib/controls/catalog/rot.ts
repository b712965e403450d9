import { ALL_PLATFORMS, type CatalogEntry } from './entry';

const ROTATE_EC_USER = '`aws elasticache modify-user --user-id <id> --passwords <old> <new>`, move clients, then `--passwords <new>`';

export const ROT_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-ROT-001',
    title: 'AUTH token rotated within 365 days',
    platforms: ['ec'],
    severity: 'medium',
    why: '000: "Treat credentials as secrets and rotate them on a schedule".',
    passes: '`AuthTokenLastModifiedDate` age ≤ `authTokenMaxAgeDays` when an AUTH token is enabled.',
    fix: {
      ec: '`aws elasticache modify-replication-group --replication-group-id <id> --auth-token <new> --auth-token-update-strategy ROTATE --apply-immediately`; move clients to the new token; then `--auth-token-update-strategy SET` to drop the old one.',
    },
    notApplicable: {
      ecs: 'AUTH tokens exist only on node-based ElastiCache; serverless users are covered by RED-ROT-002.',
      ms: 'Memorystore AUTH strings are covered by RED-ROT-002.',
      self: 'Self-hosted passwords are covered by RED-ROT-002.',
    },
    thresholds: ['authTokenMaxAgeDays'],
  },
  {
    id: 'RED-ROT-002',
    title: 'User passwords / AUTH strings rotated within 365 days',
    platforms: ALL_PLATFORMS,
    severity: 'medium',
    why: '000: "rotate them on a schedule", "Store secrets in a secure vault and rotate them automatically".',
    passes: 'Every password-authenticated user (or AUTH string) was rotated — detected from fingerprint changes or recorded — within `passwordMaxAgeDays`.',
    fix: {
      self: '`ACL SETUSER <user> >new`, move clients, then `ACL SETUSER <user> <old`',
      ec: ROTATE_EC_USER,
      ecs: ROTATE_EC_USER,
      ms: 'Rotate the AUTH string and record the rotation.',
    },
    notApplicable: {},
    thresholds: ['passwordMaxAgeDays'],
  },
  {
    id: 'RED-ROT-003',
    title: 'Certificates and CAs valid ≥ 30 days',
    platforms: ALL_PLATFORMS,
    platformNote: 'self ms (ec ecs by handshake)',
    severity: 'high',
    why: '000: "Rotate certificates regularly"; 001: clients pin the server CA, so an expiring CA breaks TLS.',
    passes: 'Every certificate (leaf and CAs) expires in ≥ `certExpiryWarningDays`; self leaf age ≤ `certMaxLifetimeDays`.',
    fix: {
      self: 'Reissue the certificate (and roll the CA before it expires).',
      ms: 'Install the new CA from `serverCaCerts` on every client before the old one expires.',
      ec: 'AWS manages the server certificates: report an expiring one to the provider.',
      ecs: 'AWS manages the server certificates: report an expiring one to the provider.',
    },
    notApplicable: {},
    thresholds: ['certExpiryWarningDays', 'certMaxLifetimeDays'],
  },
  {
    id: 'RED-ROT-004',
    title: 'Encryption key rotation enabled',
    platforms: ALL_PLATFORMS,
    platformNote: 'ec ecs ms (self by record)',
    severity: 'medium',
    why: '000: "Manage encryption keys … Enforce rotation"; "Keep encryption and access keys outside the Redis hosts, rotate them".',
    passes: 'The customer-managed key is enabled with rotation on and a period ≤ `kmsRotationMaxDays`; self: a recorded rotation ≤ `kmsRotationMaxDays` ago.',
    fix: {
      ec: '`aws kms enable-key-rotation --key-id <key> --rotation-period-in-days 365`',
      ecs: '`aws kms enable-key-rotation --key-id <key> --rotation-period-in-days 365`',
      ms: '`gcloud kms keys update <key> --keyring=<r> --location=<l> --rotation-period=365d --next-rotation-time=<time>`',
      self: 'Rotate the disk and backup keys and record the rotation.',
    },
    notApplicable: {},
    thresholds: ['kmsRotationMaxDays'],
  },
];
