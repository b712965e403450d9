// Reading cloud facts (platforms ec, ecs, ms): the snapshot's primary describe response, pointers
// into it, and the verdicts shared by controls that need what only the data plane gives.

import type { ElastiCacheFacts, ElastiCacheServerlessFacts, ElastiCacheSettings, ElastiCacheServerlessSettings } from '../../facts/aws';
import type { MemorystoreFacts, MemorystoreInstance } from '../../facts/gcp';
import type { Collected, CollectedMissing } from '../../facts/common';
import type { CloudFacts } from '../context';
import { missingVerdict, need, ptr, type Needed } from './facts';
import { failed, notApplicable, passed, single, undecided, type Check, type Verdict } from './verdict';

export type AwsFacts = ElastiCacheFacts | ElastiCacheServerlessFacts;

/** `facts#/settings/value/<field>`: the API's own field name, as evidence. */
export function settingRef(field: string, ...rest: (string | number)[]): string {
  return ptr('settings', 'value', field, ...rest);
}

/** `facts#/instance/value/<field>` (Memorystore). */
export function instanceRef(field: string, ...rest: (string | number)[]): string {
  return ptr('instance', 'value', field, ...rest);
}

export function ecSettings(facts: ElastiCacheFacts): Needed<ElastiCacheSettings> {
  return need(facts.settings, ptr('settings'));
}

export function ecsSettings(facts: ElastiCacheServerlessFacts): Needed<ElastiCacheServerlessSettings> {
  return need(facts.settings, ptr('settings'));
}

export function msInstance(facts: MemorystoreFacts): Needed<MemorystoreInstance> {
  return need(facts.instance, ptr('instance'));
}

/** A check on one API field that the response left out: never guessed (catalog §1.2). */
export function absentField(name: string, field: string, ref: string): Check {
  return undecided(name, 'not_assessable', `${field} is absent from the API response`, [ref]);
}

const NO_DATA_PLANE =
  'no data plane: the cloud scan reads the provider API only (no data-plane credentials or network path configured for this instance)';

/** Controls whose facts come only from Redis itself (INFO, ACL LOG, TIME, handshakes). */
export function noDataPlane(what: string): Verdict {
  return single(undecided(what, 'not_assessable', `${NO_DATA_PLANE}; needed: ${what}`, []));
}

/** Whether in-transit encryption is on (TLS-001), or null when the facts cannot say. */
export function cloudTlsOn(facts: CloudFacts): boolean | null {
  switch (facts.platform) {
    case 'ecs':
      return facts.settings.ok ? true : null;
    case 'ec':
      return facts.settings.ok ? facts.settings.value.TransitEncryptionEnabled : null;
    case 'ms':
      return facts.instance.ok ? facts.instance.value.transitEncryptionMode === 'SERVER_AUTHENTICATION' : null;
  }
}

/** TLS-002…007 and ROT-003 report TLS off once, as RED-TLS-001 (catalog §3.3). */
export function whenCloudTlsOff(facts: CloudFacts): Verdict | null {
  if (cloudTlsOn(facts) !== false) return null;
  const ref = facts.platform === 'ms' ? instanceRef('transitEncryptionMode') : settingRef('TransitEncryptionEnabled');
  return notApplicable('in-transit encryption is off: reported once by RED-TLS-001', [ref], 'RED-TLS-001');
}

/** `7.1.0` → 7; `REDIS_6_X` → 6; null when no major can be read. */
export function engineMajor(version: string | null): number | null {
  const match = /^(?:REDIS_)?(\d+)/i.exec(version ?? '');
  return match ? Number(match[1]) : null;
}

export interface MemberEngine {
  member: string;
  engine: string | null;
  version: string | null;
  major: number | null;
}

/** Engine and version of every member cluster (a replication group has no version of its own). */
export function ecMemberEngines(facts: ElastiCacheFacts): Needed<MemberEngine[]> {
  const members = need(facts.members, ptr('members'));
  if (!members.ok) return members;
  const groupEngine = facts.settings.ok ? facts.settings.value.Engine : null;
  return {
    ok: true,
    value: members.value.clusters.map((c) => ({
      member: c.CacheClusterId,
      engine: c.Engine ?? groupEngine,
      version: c.EngineVersion,
      major: engineMajor(c.EngineVersion),
    })),
  };
}

/** The active delivery of one ElastiCache log type (`engine-log`, `slow-log`) — LOG-002, LOG-003. */
export function logDeliveryCheck(facts: ElastiCacheFacts, logType: 'engine-log' | 'slow-log'): Verdict {
  const settings = ecSettings(facts);
  if (!settings.ok) return settings.verdict;
  const ref = settingRef('LogDeliveryConfigurations');
  const deliveries = settings.value.LogDeliveryConfigurations.filter((d) => d.LogType === logType);
  const observed = deliveries.map((d) => ({ DestinationType: d.DestinationType, Destination: d.Destination, Status: d.Status }));
  if (deliveries.some((d) => d.Status === 'active')) return single(passed(logType, observed, [ref]));
  const why = deliveries.length
    ? `${logType} delivery is ${deliveries.map((d) => `${d.Status ?? 'unknown'}${d.Message ? ` (${d.Message})` : ''}`).join(', ')}, not active`
    : `no ${logType} delivery configured`;
  return single(failed(logType, observed, why, [ref]));
}

/** Facts of optional APIs this build has no client for are `Collected<never>`: only the missing form can exist. */
export function uncollected(fact: Collected<never>): CollectedMissing {
  return fact as CollectedMissing;
}

/** SnapshotRetentionLimit of the replication group / standalone cluster or the serverless cache. */
export function retentionDays(facts: AwsFacts): Needed<number | null> {
  if (!facts.settings.ok) return { ok: false, verdict: missingVerdict(facts.settings, ptr('settings')) };
  return { ok: true, value: facts.settings.value.SnapshotRetentionLimit };
}
