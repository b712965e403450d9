// What reads as a rotation on each platform, on facts collected from the cloud emulators: an
// ElastiCache AUTH token date change, an RBAC user gaining a password (not losing the old one), a new
// Memorystore server CA (not the old one's removal). Digests only, never the facts' fingerprints.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ElastiCacheFacts } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { isRotation, observedCredentials, type ObservedCredential } from '@/lib/rotations/credentials';
import { collectHardenedEstate, type CloudFixtures } from '../controls/cloud-fixtures';
import { hardenedFacts } from '../controls/fixtures';

let collected: CloudFixtures;
beforeAll(async () => {
  collected = await collectHardenedEstate();
}, 60_000);
const fixtures = () => collected;

const find = (list: ObservedCredential[], kind: string, subject?: string) => list.find((c) => c.kind === kind && (!subject || c.subject === subject));
const state = (c: ObservedCredential) => ({ digest: c.digest, members: c.members, count: c.count });

describe('observed credentials', () => {
  it('self: one password set per user and the certificate chain, as digests of the fingerprints', () => {
    const facts = hardenedFacts();
    const creds = observedCredentials(facts);
    expect(creds.map((c) => `${c.kind}:${c.subject}`).sort()).toEqual(
      ['acl_password:user admin', 'acl_password:user app', 'acl_password:user repl', 'acl_password:user scanner', 'ca_certificate:server CA', 'tls_certificate:server certificate'].sort(),
    );
    expect(JSON.stringify(creds)).not.toMatch(/fp-(app|admin|repl|scanner)/);
    const app = find(creds, 'acl_password', 'user app')!;
    const added = observedCredentials(hardenedFacts((f) => f.acl.users.ok && f.acl.users.value.find((u) => u.name === 'app')!.passwords.fingerprints.push('fp-app-new')));
    const both = find(added, 'acl_password', 'user app')!;
    expect(isRotation(state(app), both)).toBe(true);
    const onlyNew = observedCredentials(hardenedFacts((f) => f.acl.users.ok && (f.acl.users.value.find((u) => u.name === 'app')!.passwords.fingerprints = ['fp-app-new'])));
    expect(isRotation(state(both), find(onlyNew, 'acl_password', 'user app')!)).toBe(false);
  });

  it('ec: an AUTH token date change is a rotation at that date', () => {
    const facts = structuredClone(fixtures().ec) as ElastiCacheFacts;
    if (!facts.settings.ok) throw new Error('fixture settings missing');
    Object.assign(facts.settings.value, { AuthTokenEnabled: true, AuthTokenLastModifiedDate: '2026-01-10T00:00:00.000Z' });
    const before = find(observedCredentials(facts), 'auth_token')!;
    facts.settings.value.AuthTokenLastModifiedDate = '2026-06-01T00:00:00.000Z';
    const after = find(observedCredentials(facts), 'auth_token')!;
    expect(after.changedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(isRotation(state(before), after)).toBe(true);
  });

  it('ec: an RBAC user gaining a second password is a rotation; dropping the old one is not', () => {
    const facts = structuredClone(fixtures().ec) as ElastiCacheFacts;
    if (!facts.userGroups.ok) throw new Error('fixture user groups missing');
    const user = facts.userGroups.value.groups.flatMap((g) => g.users).find((u) => u.AuthenticationType === 'password')!;
    user.PasswordCount = 1;
    const one = find(observedCredentials(facts), 'acl_password', `user ${user.UserId}`)!;
    user.PasswordCount = 2;
    const two = find(observedCredentials(facts), 'acl_password', `user ${user.UserId}`)!;
    expect(isRotation(state(one), two)).toBe(true);
    user.PasswordCount = 1;
    expect(isRotation(state(two), find(observedCredentials(facts), 'acl_password', `user ${user.UserId}`)!)).toBe(false);
  });

  it('ms: a new server CA is a rotation, the old one going away is not', () => {
    const facts = structuredClone(fixtures().ms) as MemorystoreFacts;
    if (!facts.instance.ok) throw new Error('fixture instance missing');
    const cas = facts.instance.value.serverCaCerts;
    expect(cas.length).toBeGreaterThan(0);
    const before = find(observedCredentials(facts), 'ca_certificate')!;
    cas.push({ ...cas[0], serialNumber: 'new-ca-serial', expireTime: '2036-01-01T00:00:00Z' });
    const added = find(observedCredentials(facts), 'ca_certificate')!;
    expect(added.notAfter).toBe('2036-01-01T00:00:00Z');
    expect(isRotation(state(before), added)).toBe(true);
    cas.splice(0, cas.length - 1);
    expect(isRotation(state(added), find(observedCredentials(facts), 'ca_certificate')!)).toBe(false);
  });
});
