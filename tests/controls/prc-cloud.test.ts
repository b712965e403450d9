// Process controls on cloud resources collected from the emulators: the BAA must cover the account
// or project the facts name, and the copy destinations must differ from it.
import { expect } from 'vitest';
import type { EvaluationContext } from '@/lib/controls/context';
import type { BaaRecord, ProviderReviewRecord } from '@/lib/controls/types';
import { cloudCases, collectFixturesBeforeAll } from './cloud-cases';
import { ACCOUNT, PROJECT } from './cloud-fixtures';

collectFixturesBeforeAll();

const DAY = 86_400_000;
/** The cloud fixtures are evaluated at the time they were collected. */
const daysBefore = (c: EvaluationContext, days: number) => new Date(c.now.getTime() - days * DAY).toISOString();

function withBaa(provider: 'aws' | 'gcp', accounts: string[], services: string[]) {
  return (c: EvaluationContext) => {
    const base = { scope: { org: true }, approvedAt: daysBefore(c, 30), expiresAt: null, reviewer: 'officer@example.test' };
    const baa: BaaRecord = { ...base, id: `baa-${provider}`, kind: 'baa', claims: { provider, accounts, services, signer: null, effectiveDate: null } };
    const review: ProviderReviewRecord = { ...base, id: `pr-${provider}`, kind: 'provider_review', claims: { provider, reportType: 'SOC 2 Type II', period: null, exceptions: null } };
    c.records!.processRecords!.push(baa, review);
  };
}

cloudCases('RED-PRC-003', 'ec', [
  { name: 'AWS BAA listing the account and ElastiCache: pass', ctx: withBaa('aws', [ACCOUNT], ['ElastiCache', 'S3']), status: 'pass' },
  { name: 'AWS BAA for the whole organisation scope (no accounts listed): pass', ctx: withBaa('aws', [], ['elasticache']), status: 'pass' },
  { name: 'a newly discovered account with no BAA: fail', ctx: withBaa('aws', ['999999999999'], ['elasticache']), status: 'fail', reason: new RegExp(`account ${ACCOUNT}`) },
  { name: 'BAA that lists no ElastiCache: fail', ctx: withBaa('aws', [ACCOUNT], ['s3']), status: 'fail' },
  { name: 'only the hosting-provider BAA: fail', status: 'fail' },
]);

cloudCases('RED-PRC-003', 'ms', [
  { name: 'Google BAA listing the project and Memorystore: pass', ctx: withBaa('gcp', [PROJECT], ['Memorystore for Redis']), status: 'pass' },
  { name: 'AWS BAA does not cover a Google project: fail', ctx: withBaa('aws', [], ['elasticache']), status: 'fail' },
]);

cloudCases('RED-PRC-005', 'ms', [
  {
    name: 'current review, no per-user credentials on Memorystore: pass',
    ctx: (c) => (c.records!.processRecords!.find((r) => r.kind === 'access_review')!.approvedAt = daysBefore(c, 10)),
    status: 'pass', check: (r) => expect(JSON.stringify(r.observed)).toContain('AUTH string only') },
]);

cloudCases('RED-PRC-010', 'ec', [
  { name: 'copy to another AWS account: pass', status: 'pass', check: (r) => expect(r.evidenceRefs).toContain('facts#/account') },
  { name: 'copy kept in the cache account: fail', ctx: (c) => (c.records!.backupCopies![0].destinationAccount = ACCOUNT), status: 'fail', reason: /source's own account/ },
]);

cloudCases('RED-PRC-001', 'ecs', [{ name: 'drill records decide on every platform', ctx: (c) => (c.records!.drills = []), status: 'fail', reason: /no restore drill/ }]);
