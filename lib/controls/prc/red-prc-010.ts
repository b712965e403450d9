import type { FactsSnapshot } from '../context';
import { defineControl } from '../define-control';
import { ptr } from '../support/facts';
import { recordRef } from '../support/records';
import { combine, failed, passed, type Check } from '../support/verdict';
import type { BackupCopyRecord } from '../types';
import { currentRecord, DAY_MS, noRecordStore, onEveryPlatform, sameName } from './support';

/** The account/project the instance lives in, from the facts (self-hosted: the copy record says). */
function sourceAccount(facts: FactsSnapshot, copy: BackupCopyRecord): { account: string | null; ref: string } {
  switch (facts.platform) {
    case 'ec':
    case 'ecs':
      return { account: facts.account, ref: ptr('account') };
    case 'ms':
      return { account: facts.project, ref: ptr('project') };
    case 'self':
      return { account: copy.sourceAccount ?? null, ref: recordRef('backup-copy', copy.id) };
  }
}

export default defineControl('RED-PRC-010', {
  expected: (t) =>
    `backup copies recorded in the last ${t.attestationMaxAgeDays} days go to another account/project; an archive policy ≤ ${t.attestationMaxAgeDays} days old keeps copies ≥ ${t.archiveRetentionMinYears} years, immutable, access-listed and access-logged`,
  ...onEveryPlatform((facts, ctx) => {
    if (!ctx.records) return combine([noRecordStore('copies', 'backup copy records and the archive policy')]);
    const since = ctx.now.getTime() - ctx.thresholds.attestationMaxAgeDays * DAY_MS;
    const copies = (ctx.records.backupCopies ?? []).filter((c) => Date.parse(c.createdAt) >= since);
    const checks: Check[] = [];
    if (copies.length === 0) {
      checks.push(failed('copies', [], `no backup copy recorded in the last ${ctx.thresholds.attestationMaxAgeDays} days`, []));
    } else {
      const problems: string[] = [];
      const refs: string[] = [];
      for (const copy of copies) {
        const source = sourceAccount(facts as FactsSnapshot, copy);
        refs.push(recordRef('backup-copy', copy.id), source.ref);
        if (!copy.destinationAccount) problems.push(`copy ${copy.id} names no destination account`);
        else if (!source.account) problems.push(`copy ${copy.id} names no source account to compare with`);
        else if (sameName(copy.destinationAccount, source.account)) problems.push(`copy ${copy.id} is in the source's own account ${source.account}`);
      }
      const observed = copies.map((c) => ({ id: c.id, createdAt: c.createdAt, destinationAccount: c.destinationAccount ?? null }));
      checks.push(problems.length ? failed('copies', observed, problems.join('; '), [...new Set(refs)]) : passed('copies', observed, [...new Set(refs)]));
    }
    const policy = currentRecord('archive', ctx, 'backup_archive_policy', ctx.thresholds.attestationMaxAgeDays);
    if (!policy.found) checks.push(policy.check);
    else {
      const p = policy.record.claims;
      const problems = [
        ...(p.retentionYears < ctx.thresholds.archiveRetentionMinYears ? [`archive kept ${p.retentionYears} years (< ${ctx.thresholds.archiveRetentionMinYears})`] : []),
        ...(p.immutability ? [] : ['no immutability']),
        ...(p.accessLogging ? [] : ['access logging off']),
        ...(p.accessList.length ? [] : ['no access list']),
      ];
      const observed = { ...p, approvedAt: policy.record.approvedAt };
      checks.push(problems.length ? failed('archive', observed, problems.join('; '), [policy.ref]) : passed('archive', observed, [policy.ref]));
    }
    return combine(checks);
  }),
});
