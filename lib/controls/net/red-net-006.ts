import { defineControl } from '../define-control';
import type { EvaluationContext, FactsSnapshot } from '../context';
import { ptr } from '../support/facts';
import { inventoryRef, isProduction, resolveEnvironment, withFactTags } from '../support/inventory';
import { failed, passed, single, undecided } from '../support/verdict';
import type { InstanceMetadata } from '../types';

/** One dimension of separation: values of one kind (a VPC id is only compared with VPC ids). */
interface Dimension {
  kind: string;
  values: string[];
}

interface Separation {
  network: Dimension | null;
  credentials: Dimension | null;
  ca: Dimension | null;
}

const DIMENSIONS = ['network', 'credentials', 'ca'] as const;
/** How a shared value reads in the reason (secrets and fingerprints are never named). */
function sharedWords(dimension: (typeof DIMENSIONS)[number], kind: string, values: string[]): string {
  if (dimension === 'network') return `network ${values.join(', ')}`;
  if (dimension === 'ca') return 'a certificate authority';
  return kind === 'aws-rbac' ? `RBAC ${values.map((v) => v.split(':').slice(-2).join(' ')).join(', ')}` : 'a password (equal fingerprints)';
}

function selfSeparation(facts: Extract<FactsSnapshot, { platform: 'self' }>, instance: InstanceMetadata | undefined): Separation {
  // Password fingerprints of every ACL user plus requirepass / masterauth (never the secrets).
  const fingerprints = new Set<string>();
  if (facts.acl.users.ok) for (const user of facts.acl.users.value) user.passwords.fingerprints.forEach((f) => fingerprints.add(f));
  if (facts.config.ok) {
    for (const name of ['requirepass', 'masterauth'] as const) {
      const fingerprint = facts.config.value.secrets[name]?.fingerprint;
      if (fingerprint) fingerprints.add(fingerprint);
    }
  }
  // SHA-256 fingerprints of the CA(s) behind the server certificate, and of the configured CA.
  const cas = new Set<string>();
  if (facts.tls.certificateChain.ok) for (const cert of facts.tls.certificateChain.value) if (cert.isCA || cert.selfSigned) cas.add(cert.fingerprint256);
  if (facts.tls.verification.ok) facts.tls.verification.value.caFingerprints256.forEach((f) => cas.add(f));
  return {
    network: instance?.networkLabel ? { kind: 'label', values: [instance.networkLabel] } : null,
    credentials: facts.acl.users.ok || facts.config.ok ? { kind: 'password-fingerprint', values: [...fingerprints] } : null,
    ca: cas.size ? { kind: 'ca-sha256', values: [...cas] } : null,
  };
}

/**
 * User groups and users of an AWS cache. Users named `default` are left out: every group must hold
 * one (the built-in one or a disabled replacement), so they say nothing about separation.
 */
function rbacCredentials(facts: Extract<FactsSnapshot, { platform: 'ec' | 'ecs' }>): Dimension | null {
  if (!facts.userGroups.ok) return null;
  const scope = `${facts.account}:${facts.region}`;
  const values = facts.userGroups.value.groups.flatMap((g) => {
    const defaultSlot = new Set(['default', ...g.users.filter((u) => u.UserName === 'default').map((u) => u.UserId)]);
    return [`${scope}:group:${g.UserGroupId}`, ...g.UserIds.filter((id) => !defaultSlot.has(id)).map((id) => `${scope}:user:${id}`)];
  });
  return { kind: 'aws-rbac', values };
}

function separationOf(facts: FactsSnapshot, instance: InstanceMetadata | undefined): Separation {
  switch (facts.platform) {
    case 'self':
      return selfSeparation(facts, instance);
    case 'ec':
      return {
        network: facts.subnetGroups.ok ? { kind: 'aws-vpc', values: facts.subnetGroups.value.flatMap((g) => (g.VpcId ? [`${facts.account}:${facts.region}:${g.VpcId}`] : [])) } : null,
        credentials: rbacCredentials(facts),
        ca: null, // AWS public CAs: not compared (catalog)
      };
    case 'ecs':
      return {
        network: facts.routes.ok ? { kind: 'aws-vpc', values: facts.routes.value.flatMap((r) => (r.VpcId ? [`${facts.account}:${facts.region}:${r.VpcId}`] : [])) } : null,
        credentials: rbacCredentials(facts),
        ca: null,
      };
    case 'ms':
      if (!facts.instance.ok) return { network: null, credentials: null, ca: null };
      return {
        network: facts.instance.value.authorizedNetwork ? { kind: 'gcp-network', values: [facts.instance.value.authorizedNetwork] } : null,
        credentials: null, // AUTH strings are never read
        ca: { kind: 'ca-sha1', values: facts.instance.value.serverCaCerts.flatMap((c) => (c.sha1Fingerprint ? [c.sha1Fingerprint] : [])) },
      };
  }
}

interface Side {
  id: string;
  separation: Separation;
}

function compare(a: Side, b: Side): { shared: string[]; compared: string[] } {
  const shared: string[] = [];
  const compared: string[] = [];
  for (const dimension of DIMENSIONS) {
    const x = a.separation[dimension];
    const y = b.separation[dimension];
    if (!x || !y || x.kind !== y.kind) continue;
    compared.push(dimension);
    const common = x.values.filter((v) => y.values.includes(v));
    if (common.length) shared.push(sharedWords(dimension, x.kind, [...new Set(common)]));
  }
  return { shared, compared };
}

function evidenceRefs(facts: FactsSnapshot): string[] {
  switch (facts.platform) {
    case 'self':
      return [inventoryRef('networkLabel'), ptr('acl', 'users'), ptr('config', 'secrets'), ptr('tls', 'certificateChain')];
    case 'ec':
      return [ptr('subnetGroups'), ptr('userGroups')];
    case 'ecs':
      return [ptr('routes'), ptr('userGroups')];
    case 'ms':
      return [ptr('instance', 'value', 'authorizedNetwork'), ptr('instance', 'value', 'serverCaCerts')];
  }
}

function ownId(facts: FactsSnapshot, instance: InstanceMetadata | undefined): string {
  return instance?.id ?? (facts.platform === 'self' ? facts.meta.target : facts.resourceId);
}

function separation(facts: FactsSnapshot, ctx: Pick<EvaluationContext, 'thresholds' | 'now' | 'fleet' | 'instance'>) {
  const instance = withFactTags(facts, ctx.instance);
  const environment = resolveEnvironment(instance, ctx).value;
  if (environment === null) {
    return single(undecided('environment', 'not_assessable', 'environment unknown (RED-INV-001)', [inventoryRef('environment')]));
  }
  if (!ctx.fleet) return single(undecided('fleet', 'not_assessable', 'no fleet snapshot supplied to compare with', []));
  const production = isProduction(environment, ctx);
  const self: Side = { id: ownId(facts, ctx.instance), separation: separationOf(facts, instance) };
  const others: Side[] = [];
  const environmentUnknown: string[] = [];
  for (const member of ctx.fleet) {
    if (member.instanceId === self.id) continue;
    const memberInstance = withFactTags(member.facts, member.instance);
    const memberEnvironment = resolveEnvironment(memberInstance, ctx).value;
    if (memberEnvironment === null) environmentUnknown.push(member.instanceId);
    else if (isProduction(memberEnvironment, ctx) !== production) {
      others.push({ id: member.instanceId, separation: separationOf(member.facts, memberInstance) });
    }
  }
  const sharing: { instanceId: string; shared: string[] }[] = [];
  const notCompared: string[] = [];
  for (const other of others) {
    const { shared, compared } = compare(self, other);
    if (shared.length) sharing.push({ instanceId: other.id, shared });
    if (compared.length === 0) notCompared.push(other.id);
  }
  const observed = { environment, production, comparedWith: others.length - notCompared.length, notCompared, environmentUnknown, sharing };
  const refs = evidenceRefs(facts);
  if (sharing.length) {
    const reason = sharing.map((s) => `shares ${s.shared.join(', ')} with ${s.instanceId}`).join('; ');
    return single(failed('separation', observed, reason, refs));
  }
  if (others.length > 0 && notCompared.length === others.length) {
    return single(undecided('separation', 'not_assessable', 'no network, credential or CA facts comparable with the other side', refs, observed));
  }
  return single(passed('separation', observed, refs));
}

const RULE = (what: string) => (t: { productionEnvironments: string[] }) =>
  `no ${what} shared between production (${t.productionEnvironments.join(', ')}) and non-production instances`;

export default defineControl('RED-NET-006', {
  expected: {
    self: RULE('network label, password fingerprint or CA'),
    ec: RULE('VPC, RBAC user or user group'),
    ecs: RULE('VPC, RBAC user or user group'),
    ms: RULE('authorized network or server CA'),
  },
  self: separation,
  ec: separation,
  ecs: separation,
  ms: separation,
});
