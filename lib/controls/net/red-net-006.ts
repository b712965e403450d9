import type { SelfHostedFacts } from '../../facts/self-hosted';
import type { EvaluationContext, FleetMember } from '../context';
import { defineControl } from '../define-control';
import { ptr } from '../support/facts';
import { inventoryRef, isProduction, resolveEnvironment } from '../support/inventory';
import { failed, passed, single, undecided } from '../support/verdict';
import type { InstanceMetadata } from '../types';

/** Password fingerprints of every ACL user plus requirepass / masterauth (never the secrets). */
function credentialFingerprints(facts: SelfHostedFacts): Set<string> | null {
  const found = new Set<string>();
  let readable = false;
  if (facts.acl.users.ok) {
    readable = true;
    for (const user of facts.acl.users.value) user.passwords.fingerprints.forEach((f) => found.add(f));
  }
  if (facts.config.ok) {
    readable = true;
    for (const name of ['requirepass', 'masterauth'] as const) {
      const fingerprint = facts.config.value.secrets[name]?.fingerprint;
      if (fingerprint) found.add(fingerprint);
    }
  }
  return readable ? found : null;
}

/** SHA-256 fingerprints of the CA(s) behind the server certificate, and of the configured CA. */
function caFingerprints(facts: SelfHostedFacts): Set<string> | null {
  const found = new Set<string>();
  const chain = facts.tls.certificateChain;
  if (chain.ok) {
    for (const cert of chain.value) if (cert.isCA || cert.selfSigned) found.add(cert.fingerprint256);
  }
  if (facts.tls.verification.ok) facts.tls.verification.value.caFingerprints256.forEach((f) => found.add(f));
  return found.size ? found : null;
}

interface Side {
  id: string;
  instance?: InstanceMetadata;
  facts: SelfHostedFacts;
}

type Shared = { instanceId: string; shared: string[] };

function compare(a: Side, b: Side): { shared: string[]; compared: string[] } {
  const shared: string[] = [];
  const compared: string[] = [];
  if (a.instance?.networkLabel && b.instance?.networkLabel) {
    compared.push('network');
    if (a.instance.networkLabel === b.instance.networkLabel) shared.push(`network ${a.instance.networkLabel}`);
  }
  const credsA = credentialFingerprints(a.facts);
  const credsB = credentialFingerprints(b.facts);
  if (credsA && credsB) {
    compared.push('credentials');
    if ([...credsA].some((f) => credsB.has(f))) shared.push('a password (equal fingerprints)');
  }
  const caA = caFingerprints(a.facts);
  const caB = caFingerprints(b.facts);
  if (caA && caB) {
    compared.push('ca');
    if ([...caA].some((f) => caB.has(f))) shared.push('a certificate authority');
  }
  return { shared, compared };
}

function counterparts(self: Side, production: boolean, fleet: FleetMember[], ctx: EvaluationContext) {
  const others: Side[] = [];
  const unknown: string[] = [];
  for (const member of fleet) {
    if (member.instanceId === self.id) continue;
    const environment = resolveEnvironment(member.instance, ctx).value;
    if (environment === null) unknown.push(member.instanceId);
    else if (isProduction(environment, ctx) !== production) {
      others.push({ id: member.instanceId, instance: member.instance, facts: member.facts });
    }
  }
  return { others, unknown };
}

export default defineControl('RED-NET-006', {
  expected: (t) =>
    `no network, credential or CA shared between production (${t.productionEnvironments.join(', ')}) and non-production instances`,
  self(facts, ctx) {
    const environment = resolveEnvironment(ctx.instance, ctx).value;
    if (environment === null) {
      return single(undecided('environment', 'not_assessable', 'environment unknown (RED-INV-001)', [inventoryRef('environment')]));
    }
    if (!ctx.fleet) {
      return single(undecided('fleet', 'not_assessable', 'no fleet snapshot supplied to compare with', []));
    }
    const production = isProduction(environment, ctx);
    const self: Side = { id: ctx.instance?.id ?? facts.meta.target, instance: ctx.instance, facts };
    const { others, unknown } = counterparts(self, production, ctx.fleet, ctx);
    const sharing: Shared[] = [];
    const notCompared: string[] = [];
    for (const other of others) {
      const { shared, compared } = compare(self, other);
      if (shared.length) sharing.push({ instanceId: other.id, shared });
      if (compared.length === 0) notCompared.push(other.id);
    }
    const observed = {
      environment,
      production,
      comparedWith: others.length - notCompared.length,
      notCompared,
      environmentUnknown: unknown,
      sharing,
    };
    const refs = [inventoryRef('networkLabel'), ptr('acl', 'users'), ptr('config', 'secrets'), ptr('tls', 'certificateChain')];
    if (sharing.length) {
      const reason = sharing.map((s) => `shares ${s.shared.join(', ')} with ${s.instanceId}`).join('; ');
      return single(failed('separation', observed, reason, refs));
    }
    if (others.length > 0 && notCompared.length === others.length) {
      return single(undecided('separation', 'not_assessable', 'no network, credential or CA facts comparable with the other side', refs, observed));
    }
    return single(passed('separation', observed, refs));
  },
});
