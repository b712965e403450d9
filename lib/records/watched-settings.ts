// The settings RED-PRC-006 watches for unapproved changes (catalog: TLS, AUTH, users and ACL rules,
// bind/protected-mode/ports, persistence, log delivery, security groups, parameter group, engine
// version, windows, key, tier, connect mode), flattened to `field → text` per snapshot. A fact that
// could not be collected contributes no field, so an outage never reads as a change. Pure.
import type { FactsSnapshot } from '../controls/context';
import type { ElastiCacheUser, UserGroupsFact } from '../facts/aws';
import type { Collected } from '../facts/common';
import type { SelfConfigParam, SelfHostedFacts } from '../facts/self-hosted';

export type WatchedSettings = Record<string, string>;

const SELF_WATCHED_CONFIG: SelfConfigParam[] = [
  'bind', 'protected-mode', 'port', 'tls-port', 'tls-protocols', 'tls-ciphers', 'tls-ciphersuites', 'tls-auth-clients',
  'tls-replication', 'tls-cluster', 'tls-cert-file', 'appendonly', 'appendfsync', 'save', 'stop-writes-on-bgsave-error',
  'loglevel', 'logfile', 'syslog-enabled', 'aclfile', 'enable-debug-command', 'maxmemory-policy', 'timeout',
];

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function selfSettings(facts: SelfHostedFacts): WatchedSettings {
  const out: WatchedSettings = {};
  if (facts.config.ok) {
    for (const name of SELF_WATCHED_CONFIG) {
      const value = facts.config.value.values[name];
      if (value !== undefined) out[`config ${name}`] = value;
    }
    const requirepass = facts.config.value.secrets.requirepass;
    if (requirepass) out['config requirepass (set)'] = String(requirepass.set);
  }
  if (facts.acl.users.ok) {
    for (const user of facts.acl.users.value) {
      // The rule without password fingerprints: a password rotation is RED-ROT-002's business.
      const rule = [user.enabled ? 'on' : 'off', user.nopass ? 'nopass' : '', ...user.keyPatterns, ...user.channelPatterns, user.commands]
        .filter(Boolean)
        .join(' ');
      out[`acl user ${user.name}`] = rule;
    }
  }
  if (facts.server.ok) out['engine version'] = `${facts.server.value.engine} ${facts.server.value.version}`;
  return out;
}

function rbacSettings(userGroups: Collected<UserGroupsFact>): WatchedSettings {
  if (!userGroups.ok) return {};
  const users = new Map<string, ElastiCacheUser>();
  for (const group of userGroups.value.groups) for (const user of group.users) users.set(user.UserId, user);
  return Object.fromEntries([...users.values()].map((u) => [`user ${u.UserId}`, `${u.Status ?? ''} ${u.AuthenticationType ?? ''} ${u.AccessString ?? ''}`.trim()]));
}

function ecSettings(facts: Extract<FactsSnapshot, { platform: 'ec' }>): WatchedSettings {
  const out: WatchedSettings = {};
  if (facts.settings.ok) {
    const s = facts.settings.value;
    const fields = {
      TransitEncryptionEnabled: s.TransitEncryptionEnabled,
      TransitEncryptionMode: s.TransitEncryptionMode,
      AtRestEncryptionEnabled: s.AtRestEncryptionEnabled,
      KmsKeyId: s.KmsKeyId,
      AuthTokenEnabled: s.AuthTokenEnabled,
      UserGroupIds: [...s.UserGroupIds].sort(),
      AutomaticFailover: s.AutomaticFailover,
      MultiAZ: s.MultiAZ,
      SnapshotRetentionLimit: s.SnapshotRetentionLimit,
      SnapshotWindow: s.SnapshotWindow,
      PreferredMaintenanceWindow: s.PreferredMaintenanceWindow,
      EngineVersion: s.EngineVersion,
      LogDeliveryConfigurations: s.LogDeliveryConfigurations.map((l) => `${l.LogType}:${l.DestinationType}:${l.Destination}`).sort(),
    };
    for (const [name, value] of Object.entries(fields)) if (value !== null) out[name] = text(value);
  }
  if (facts.members.ok) {
    for (const member of facts.members.value.clusters) {
      out[`${member.CacheClusterId} SecurityGroups`] = text(member.SecurityGroups.map((g) => g.SecurityGroupId).sort());
      if (member.CacheParameterGroupName) out[`${member.CacheClusterId} CacheParameterGroupName`] = member.CacheParameterGroupName;
      if (member.EngineVersion) out[`${member.CacheClusterId} EngineVersion`] = member.EngineVersion;
      if (member.PreferredMaintenanceWindow) out[`${member.CacheClusterId} PreferredMaintenanceWindow`] = member.PreferredMaintenanceWindow;
    }
  }
  return { ...out, ...rbacSettings(facts.userGroups) };
}

function ecsSettings(facts: Extract<FactsSnapshot, { platform: 'ecs' }>): WatchedSettings {
  const out: WatchedSettings = {};
  if (facts.settings.ok) {
    const s = facts.settings.value;
    const fields = {
      KmsKeyId: s.KmsKeyId,
      SecurityGroupIds: [...s.SecurityGroupIds].sort(),
      SubnetIds: [...s.SubnetIds].sort(),
      UserGroupId: s.UserGroupId,
      SnapshotRetentionLimit: s.SnapshotRetentionLimit,
      DailySnapshotTime: s.DailySnapshotTime,
      MajorEngineVersion: s.MajorEngineVersion,
    };
    for (const [name, value] of Object.entries(fields)) if (value !== null) out[name] = text(value);
  }
  return { ...out, ...rbacSettings(facts.userGroups) };
}

function msSettings(facts: Extract<FactsSnapshot, { platform: 'ms' }>): WatchedSettings {
  if (!facts.instance.ok) return {};
  const i = facts.instance.value;
  const fields = {
    authEnabled: i.authEnabled,
    transitEncryptionMode: i.transitEncryptionMode,
    connectMode: i.connectMode,
    authorizedNetwork: i.authorizedNetwork,
    tier: i.tier,
    redisVersion: i.redisVersion,
    customerManagedKey: i.customerManagedKey,
    persistenceConfig: i.persistenceConfig ? `${i.persistenceConfig.persistenceMode}:${i.persistenceConfig.rdbSnapshotPeriod}` : null,
    maintenancePolicy: i.maintenancePolicy?.weeklyMaintenanceWindow.map((w) => `${w.day} ${w.startTime?.hours}:${w.startTime?.minutes}`) ?? null,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null).map(([k, v]) => [k, text(v)]));
}

export function watchedSettings(facts: FactsSnapshot): WatchedSettings {
  switch (facts.platform) {
    case 'self':
      return selfSettings(facts);
    case 'ec':
      return ecSettings(facts);
    case 'ecs':
      return ecsSettings(facts);
    case 'ms':
      return msSettings(facts);
  }
}

export interface SettingChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * Fields whose value differs. A field present in only one snapshot counts only when the other
 * snapshot collected that area (e.g. a new ACL user), which `known` tells: a field's area is known
 * when the snapshot has any field with the same first word (`acl`, `config`, `user`, …).
 */
export function settingChanges(before: WatchedSettings, after: WatchedSettings): SettingChange[] {
  const area = (field: string) => field.split(' ')[0];
  const areasBefore = new Set(Object.keys(before).map(area));
  const areasAfter = new Set(Object.keys(after).map(area));
  const changes: SettingChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[field] ?? null;
    const a = after[field] ?? null;
    if (b === a) continue;
    if (b === null && !areasBefore.has(area(field))) continue;
    if (a === null && !areasAfter.has(area(field))) continue;
    changes.push({ field, before: b, after: a });
  }
  return changes.sort((x, y) => x.field.localeCompare(y.field));
}
