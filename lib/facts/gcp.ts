// The facts snapshot of one Google Cloud Memorystore for Redis instance (platform `ms`), built from
// `projects.locations.instances.list` (API redis.googleapis.com v1). Field names are the API's
// (camelCase). Enums are normalized to their v1 names (catalog §1.6: the REST client may receive
// them as numbers). Booleans false are omitted by proto3 JSON: `authEnabled` absent → false.
// The AUTH string is never read (the scanner never calls GetInstanceAuthString).

import type { Collected, ProbeInfo } from './common';

export interface MemorystoreServerCa {
  serialNumber: string | null;
  createTime: string | null;
  expireTime: string | null;
  sha1Fingerprint: string | null;
  /** notAfter parsed from the PEM (ROT-003: must equal expireTime; a mismatch is an error). */
  certNotAfter: string | null;
  /** Public CA certificate (PEM): the trust anchor for the TLS-007 handshake. Not a secret. */
  cert: string | null;
}

export interface MemorystoreMaintenanceWindow {
  day: string | null; // MONDAY … SUNDAY
  startTime: { hours: number; minutes: number } | null;
  /** e.g. "3600s". */
  duration: string | null;
}

export interface MemorystoreInstance {
  displayName: string | null;
  labels: Record<string, string>;
  state: string | null;
  locationId: string | null;
  alternativeLocationId: string | null;
  currentLocationId: string | null;
  redisVersion: string | null; // REDIS_6_X, REDIS_7_0, …
  tier: string | null; // BASIC | STANDARD_HA
  memorySizeGb: number | null;
  replicaCount: number | null;
  readReplicasMode: string | null;
  nodes: { id: string | null; zone: string | null }[];
  host: string | null;
  port: number | null;
  readEndpoint: string | null;
  readEndpointPort: number | null;
  reservedIpRange: string | null;
  secondaryIpRange: string | null;
  authorizedNetwork: string | null;
  connectMode: string | null; // DIRECT_PEERING | PRIVATE_SERVICE_ACCESS
  /** Absent in the API response means false. */
  authEnabled: boolean;
  transitEncryptionMode: string | null; // SERVER_AUTHENTICATION | DISABLED | TRANSIT_ENCRYPTION_MODE_UNSPECIFIED
  serverCaCerts: MemorystoreServerCa[];
  customerManagedKey: string | null;
  persistenceConfig: {
    persistenceMode: string | null; // DISABLED | RDB
    rdbSnapshotPeriod: string | null; // ONE_HOUR | SIX_HOURS | TWELVE_HOURS | TWENTY_FOUR_HOURS
    rdbNextSnapshotTime: string | null;
    rdbSnapshotStartTime: string | null;
  } | null;
  maintenancePolicy: {
    description: string | null;
    weeklyMaintenanceWindow: MemorystoreMaintenanceWindow[];
  } | null;
  maintenanceSchedule: { startTime: string | null; endTime: string | null; scheduleDeadlineTime: string | null } | null;
  maintenanceVersion: string | null;
  availableMaintenanceVersions: string[];
  /** Redis configuration overrides (maxmemory-policy, notify-keyspace-events …); no secrets. */
  redisConfigs: Record<string, string>;
  suspensionReasons: string[];
  createTime: string | null;
}

export interface MemorystoreFacts {
  platform: 'ms';
  provider: 'gcp';
  project: string;
  /** The instance's region (`locations/<region>` in its name). */
  location: string;
  /** projects/<p>/locations/<l>/instances/<id> */
  resourceId: string;
  collectedAt: string;
  probe: ProbeInfo;
  instance: Collected<MemorystoreInstance>;
  /** Cloud KMS cryptoKeys.get for customerManagedKey (ROT-004): not in this build. */
  kmsKey: Collected<never>;
}
