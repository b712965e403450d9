// The credentials a facts snapshot shows, reduced to digests for rotation detection (pure, no I/O;
// shared by the detector and RED-ROT-002). A digest is SHA-256 over the facts' keyed fingerprint —
// a fingerprint of a fingerprint: it tells "changed" from "unchanged" and nothing else, so no secret
// or hash of a secret ever reaches the rotation tables.
import { createHash } from 'node:crypto';
import type { FactsSnapshot } from '../controls/context';
import type { RotationKind } from '../controls/types';
import type { ElastiCacheUser, UserGroupsFact } from '../facts/aws';
import type { Collected } from '../facts/common';
import type { SelfHostedFacts } from '../facts/self-hosted';

/**
 * How a change of the credential reads as a rotation:
 * - `set`: a member (password, CA serial) appeared that was not there before — removing the old
 *   password at the end of a two-password rotation is not a second rotation;
 * - `count`: the number of passwords grew (ElastiCache shows counts only);
 * - `value`: any change of the value (certificate serial, token date, key id).
 */
export type RotationRule = 'set' | 'count' | 'value';

export interface ObservedCredential {
  kind: RotationKind;
  subject: string;
  rule: RotationRule;
  digest: string;
  /** Digests of the members (`set`) or the password count (`count`). */
  members: string[];
  count: number | null;
  notAfter: string | null;
  /** When the facts carry the change time themselves (ElastiCache AuthTokenLastModifiedDate). */
  changedAt: string | null;
}

export function credentialDigest(value: string): string {
  return createHash('sha256').update(`credential:${value}`).digest('hex');
}

function setCredential(kind: RotationKind, subject: string, values: string[], notAfter: string | null = null): ObservedCredential {
  const members = [...new Set(values.map(credentialDigest))].sort();
  return { kind, subject, rule: 'set', digest: credentialDigest(members.join(',')), members, count: null, notAfter, changedAt: null };
}

function valueCredential(kind: RotationKind, subject: string, value: string, extra: Partial<ObservedCredential> = {}): ObservedCredential {
  return { kind, subject, rule: 'value', digest: credentialDigest(value), members: [], count: null, notAfter: null, changedAt: null, ...extra };
}

/** Subject of an ACL user's password (self and ElastiCache RBAC users). */
export function userSubject(name: string): string {
  return `user ${name}`;
}

export const SERVER_CERTIFICATE = 'server certificate';
export const SERVER_CA = 'server CA';

function selfCredentials(facts: SelfHostedFacts): ObservedCredential[] {
  const out: ObservedCredential[] = [];
  if (facts.acl.users.ok) {
    for (const user of facts.acl.users.value) {
      if (user.passwords.count === 0 || user.passwords.fingerprints.length === 0) continue;
      out.push(setCredential('acl_password', userSubject(user.name), user.passwords.fingerprints));
    }
  }
  if (facts.tls.certificateChain.ok && facts.tls.certificateChain.value.length > 0) {
    const chain = facts.tls.certificateChain.value;
    const leaf = chain[0];
    out.push(valueCredential('tls_certificate', SERVER_CERTIFICATE, `${leaf.serialNumber}:${leaf.fingerprint256}`, { notAfter: leaf.notAfter }));
    const ca = chain.length > 1 ? chain[chain.length - 1] : null;
    if (ca?.isCA) out.push(valueCredential('ca_certificate', SERVER_CA, `${ca.serialNumber}:${ca.fingerprint256}`, { notAfter: ca.notAfter }));
  }
  return out;
}

function rbacUsers(userGroups: Collected<UserGroupsFact>): ObservedCredential[] {
  if (!userGroups.ok) return [];
  const users = new Map<string, ElastiCacheUser>();
  for (const group of userGroups.value.groups) for (const user of group.users) users.set(user.UserId, user);
  return [...users.values()]
    .filter((u) => u.AuthenticationType === 'password' && u.PasswordCount !== null)
    .map((u) => ({
      kind: 'acl_password' as const,
      subject: userSubject(u.UserId),
      rule: 'count' as const,
      digest: credentialDigest(`count:${u.PasswordCount}`),
      members: [],
      count: u.PasswordCount,
      notAfter: null,
      changedAt: null,
    }));
}

/** Every credential the snapshot shows, of any platform. */
export function observedCredentials(facts: FactsSnapshot): ObservedCredential[] {
  switch (facts.platform) {
    case 'self':
      return selfCredentials(facts);
    case 'ec': {
      const out = rbacUsers(facts.userGroups);
      if (facts.settings.ok) {
        const s = facts.settings.value;
        if (s.AuthTokenEnabled && s.AuthTokenLastModifiedDate) {
          out.push(valueCredential('auth_token', 'AUTH token', s.AuthTokenLastModifiedDate, { changedAt: s.AuthTokenLastModifiedDate }));
        }
        if (s.KmsKeyId) out.push(valueCredential('kms_key', 'KMS key', s.KmsKeyId));
      }
      return out;
    }
    case 'ecs': {
      const out = rbacUsers(facts.userGroups);
      if (facts.settings.ok && facts.settings.value.KmsKeyId) out.push(valueCredential('kms_key', 'KMS key', facts.settings.value.KmsKeyId));
      return out;
    }
    case 'ms': {
      if (!facts.instance.ok) return [];
      const instance = facts.instance.value;
      const out: ObservedCredential[] = [];
      const cas = instance.serverCaCerts.filter((c) => c.serialNumber);
      if (cas.length) {
        const expiries = cas.map((c) => c.expireTime).filter((t): t is string => Boolean(t)).sort();
        out.push(setCredential('ca_certificate', SERVER_CA, cas.map((c) => c.serialNumber!), expiries.at(-1) ?? null));
      }
      if (instance.customerManagedKey) out.push(valueCredential('kms_key', 'customer-managed key', instance.customerManagedKey));
      return out;
    }
  }
}

export interface CredentialStateLike {
  digest: string;
  members: string[];
  count: number | null;
}

/** Whether going from `previous` to `next` is a rotation (see RotationRule). */
export function isRotation(previous: CredentialStateLike, next: ObservedCredential): boolean {
  if (previous.digest === next.digest) return false;
  switch (next.rule) {
    case 'set':
      return next.members.some((m) => !previous.members.includes(m));
    case 'count':
      return previous.count !== null && next.count !== null && next.count > previous.count;
    case 'value':
      return true;
  }
}
