// One MemorystoreFacts per listed instance. google-gax decodes with proto defaults, so an absent
// string arrives as "" (→ null here), an absent boolean as false (authEnabled absent = false) and
// enums as names; a number that still arrives is mapped by the library's own v1 enum tables
// (catalog §1.6: v1 numbers differ from the Redis Cluster API's).

import { X509Certificate } from 'node:crypto';
import { protos } from '@google-cloud/redis';
import type { ProbeInfo } from '@/lib/facts/common';
import type { MemorystoreFacts, MemorystoreInstance, MemorystoreServerCa } from '@/lib/facts/gcp';
import type { RawInstance } from '@/lib/inventory/gcp/list-instances';

const v1 = protos.google.cloud.redis.v1;
type EnumTable = Record<string | number, string | number>;

/** Enum value → v1 name, whether it came as a name or as its number. */
export function enumName(value: unknown, table: EnumTable): string | null {
  if (typeof value === 'number') {
    const name = table[value];
    return typeof name === 'string' ? name : `UNKNOWN_ENUM_VALUE_${value}`;
  }
  return typeof value === 'string' && value !== '' ? value : null;
}

const text = (value: string | null | undefined): string | null => (value ? value : null);
const num = (value: number | string | null | undefined): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value);

type Timestamp = { seconds?: number | string | null | { toString(): string }; nanos?: number | null } | null | undefined;

export function timestamp(value: Timestamp): string | null {
  if (!value || value.seconds === undefined || value.seconds === null) return null;
  const millis = Number(String(value.seconds)) * 1000 + Math.floor((value.nanos ?? 0) / 1e6);
  return millis > 0 ? new Date(millis).toISOString() : null;
}

function duration(value: Timestamp): string | null {
  if (!value || value.seconds === undefined || value.seconds === null) return null;
  return `${String(value.seconds)}s`;
}

function certNotAfter(pem: string | null): string | null {
  if (!pem) return null;
  try {
    return new Date(new X509Certificate(pem).validTo).toISOString();
  } catch {
    return null;
  }
}

function serverCa(cert: protos.google.cloud.redis.v1.ITlsCertificate): MemorystoreServerCa {
  return {
    serialNumber: text(cert.serialNumber),
    createTime: timestamp(cert.createTime),
    expireTime: timestamp(cert.expireTime),
    sha1Fingerprint: text(cert.sha1Fingerprint),
    certNotAfter: certNotAfter(text(cert.cert)),
    cert: text(cert.cert),
  };
}

export function normalizeInstance(raw: RawInstance): MemorystoreInstance {
  const persistence = raw.persistenceConfig;
  const policy = raw.maintenancePolicy;
  const schedule = raw.maintenanceSchedule;
  return {
    displayName: text(raw.displayName),
    labels: { ...(raw.labels ?? {}) },
    state: enumName(raw.state, v1.Instance.State),
    locationId: text(raw.locationId),
    alternativeLocationId: text(raw.alternativeLocationId),
    currentLocationId: text(raw.currentLocationId),
    redisVersion: text(raw.redisVersion),
    tier: enumName(raw.tier, v1.Instance.Tier),
    memorySizeGb: num(raw.memorySizeGb),
    replicaCount: num(raw.replicaCount),
    readReplicasMode: enumName(raw.readReplicasMode, v1.Instance.ReadReplicasMode),
    nodes: (raw.nodes ?? []).map((node) => ({ id: text(node.id), zone: text(node.zone) })),
    host: text(raw.host),
    port: num(raw.port),
    readEndpoint: text(raw.readEndpoint),
    readEndpointPort: num(raw.readEndpointPort) || null,
    reservedIpRange: text(raw.reservedIpRange),
    secondaryIpRange: text(raw.secondaryIpRange),
    authorizedNetwork: text(raw.authorizedNetwork),
    connectMode: enumName(raw.connectMode, v1.Instance.ConnectMode),
    authEnabled: raw.authEnabled === true,
    transitEncryptionMode: enumName(raw.transitEncryptionMode, v1.Instance.TransitEncryptionMode),
    serverCaCerts: (raw.serverCaCerts ?? []).map(serverCa),
    customerManagedKey: text(raw.customerManagedKey),
    persistenceConfig: persistence
      ? {
          persistenceMode: enumName(persistence.persistenceMode, v1.PersistenceConfig.PersistenceMode),
          rdbSnapshotPeriod: enumName(persistence.rdbSnapshotPeriod, v1.PersistenceConfig.SnapshotPeriod),
          rdbNextSnapshotTime: timestamp(persistence.rdbNextSnapshotTime),
          rdbSnapshotStartTime: timestamp(persistence.rdbSnapshotStartTime),
        }
      : null,
    maintenancePolicy: policy
      ? {
          description: text(policy.description),
          weeklyMaintenanceWindow: (policy.weeklyMaintenanceWindow ?? []).map((window) => ({
            day: enumName(window.day, protos.google.type.DayOfWeek),
            startTime: window.startTime ? { hours: window.startTime.hours ?? 0, minutes: window.startTime.minutes ?? 0 } : null,
            duration: duration(window.duration),
          })),
        }
      : null,
    maintenanceSchedule: schedule
      ? {
          startTime: timestamp(schedule.startTime),
          endTime: timestamp(schedule.endTime),
          scheduleDeadlineTime: timestamp(schedule.scheduleDeadlineTime),
        }
      : null,
    maintenanceVersion: text(raw.maintenanceVersion),
    availableMaintenanceVersions: raw.availableMaintenanceVersions ?? [],
    redisConfigs: { ...(raw.redisConfigs ?? {}) },
    suspensionReasons: (raw.suspensionReasons ?? []).flatMap(
      (reason) => enumName(reason, v1.Instance.SuspensionReason) ?? [],
    ),
    createTime: timestamp(raw.createTime),
  };
}

export function buildMemorystoreFacts(raw: RawInstance, project: string, collectedAt: string, probe: ProbeInfo): MemorystoreFacts {
  const name = raw.name ?? '';
  return {
    platform: 'ms',
    provider: 'gcp',
    project,
    location: /\/locations\/([^/]+)\//.exec(name)?.[1] ?? text(raw.locationId) ?? 'unknown',
    resourceId: name,
    collectedAt,
    probe,
    instance: { ok: true, value: normalizeInstance(raw), source: 'redis.projects.locations.instances.list' },
    kmsKey: {
      ok: false,
      outcome: 'not_collected',
      reason: 'not collected: this scanner build has no Cloud KMS client (cryptoKeys.get)',
      source: 'cloudkms.cryptoKeys.get',
    },
  };
}
