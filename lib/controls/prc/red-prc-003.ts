import type { FactsSnapshot } from '../context';
import { defineControl } from '../define-control';
import { ptr } from '../support/facts';
import { combine, notApplicable, passed, type Check } from '../support/verdict';
import type { EvaluationContext } from '../context';
import type { BaaRecord } from '../types';
import { currentRecord, onEveryPlatform, sameName } from './support';

/** Inventory tags that name the hosting provider of a self-hosted instance. */
export const HOSTING_PROVIDER_TAGS = ['hosting-provider', 'hostingProvider', 'HostingProvider', 'hosting_provider'];

interface Subject {
  provider: string;
  /** Account / project the facts identify (null for self-hosted). */
  account: string | null;
  /** Service the BAA must list (null: any, for a hosting provider). */
  service: string | null;
  ref: string;
}

function subjectOf(facts: FactsSnapshot, ctx: EvaluationContext): Subject | null {
  switch (facts.platform) {
    case 'ec':
    case 'ecs':
      return { provider: 'aws', account: facts.account, service: 'elasticache', ref: ptr('account') };
    case 'ms':
      return { provider: 'gcp', account: facts.project, service: 'memorystore', ref: ptr('project') };
    case 'self': {
      const tags = ctx.instance?.tags ?? {};
      const tag = HOSTING_PROVIDER_TAGS.find((k) => tags[k]);
      return tag ? { provider: tags[tag], account: null, service: null, ref: ptr('meta', 'target') } : null;
    }
  }
}

function providerMatches(recordProvider: string, subject: Subject): boolean {
  return sameName(recordProvider, subject.provider) || (recordProvider === 'other' && !['aws', 'gcp'].includes(subject.provider));
}

function covers(baa: BaaRecord, subject: Subject): boolean {
  const c = baa.claims;
  if (!providerMatches(c.provider, subject)) return false;
  if (subject.service && !c.services.some((s) => s.toLowerCase().includes(subject.service!))) return false;
  return c.accounts.length === 0 || (subject.account !== null && c.accounts.some((a) => sameName(a, subject.account)));
}

export default defineControl('RED-PRC-003', {
  expected: (t) =>
    `a BAA covering the account/project and listing the service, and the provider's assurance report reviewed within ${t.attestationMaxAgeDays} days`,
  ...onEveryPlatform((facts, ctx) => {
    const subject = subjectOf(facts as FactsSnapshot, ctx);
    if (!subject) {
      return notApplicable(`self-hosted on the organisation's own hosts: no hosting provider named in the inventory (tag ${HOSTING_PROVIDER_TAGS[0]})`);
    }
    const baa = currentRecord('baa', ctx, 'baa', null, (r) => covers(r, subject));
    const review = currentRecord('providerReview', ctx, 'provider_review', ctx.thresholds.attestationMaxAgeDays, (r) => providerMatches(r.claims.provider, subject));
    const checks: Check[] = [
      baa.found
        ? passed('baa', { provider: baa.record.claims.provider, services: baa.record.claims.services, accounts: baa.record.claims.accounts, approvedAt: baa.record.approvedAt }, [baa.ref, subject.ref])
        : { ...baa.check, reason: `${baa.check.reason} covering ${subject.provider}${subject.account ? ` account ${subject.account}` : ''}${subject.service ? ` for ${subject.service}` : ''}`, refs: [...baa.check.refs, subject.ref] },
      review.found ? passed('providerReview', { reportType: review.record.claims.reportType, approvedAt: review.record.approvedAt }, [review.ref]) : review.check,
    ];
    return combine(checks);
  }),
});
