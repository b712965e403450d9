import type { SelfHostedFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { NO_BASELINE } from '../support/delta';
import { need, ptr } from '../support/facts';
import { infoField } from '../support/info';
import { recordRef } from '../support/records';
import { combine, failed, passed, undecided } from '../support/verdict';

interface Topology {
  role: string;
  master: string | null;
  replid: string | null;
}

function topologyOf(facts: SelfHostedFacts): Topology | null {
  if (!facts.role.ok) return null;
  const master = facts.role.value.master;
  return {
    role: facts.role.value.role,
    master: master ? `${master.host}:${master.port}` : null,
    replid: facts.info.ok ? (infoField(facts.info.value, 'replication', 'master_replid') ?? null) : null,
  };
}

export default defineControl('RED-MON-004', {
  expected: () => 'no role, master or replication-id change since the previous snapshot, or every change acknowledged',
  self(facts, ctx) {
    const ref = ptr('role');
    const role = need(facts.role, ref);
    if (!role.ok) return role.verdict;
    if (!ctx.previousFacts) return combine([undecided('baseline', 'not_assessable', NO_BASELINE, [])]);
    const before = topologyOf(ctx.previousFacts);
    const after = topologyOf(facts)!;
    if (!before) return combine([undecided('baseline', 'not_assessable', 'the previous snapshot has no ROLE facts', [])]);
    const changes = (['role', 'master', 'replid'] as const)
      .filter((field) => before[field] !== null && after[field] !== null && before[field] !== after[field])
      .map((field) => ({ field, before: before[field], after: after[field] }));
    const refs = [ref, ptr('info', 'replication', 'master_replid')];
    if (changes.length === 0) return combine([passed('topology', after, refs)]);
    const from = Date.parse(ctx.previousFacts.meta.collectedAt);
    const to = Date.parse(facts.meta.finishedAt);
    const acks = (ctx.records?.acknowledgements ?? []).filter(
      (a) => a.kind === 'role_change' && Date.parse(a.detectedAt) > from && Date.parse(a.detectedAt) <= to,
    );
    if (acks.length) {
      return combine([passed('topology', { changes, acknowledgements: acks.map((a) => ({ id: a.id, cause: a.cause })) }, [...refs, ...acks.map((a) => recordRef('acknowledgement', a.id))])]);
    }
    const what = changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ');
    return combine([failed('topology', changes, `unacknowledged change since the previous snapshot: ${what}`, refs)]);
  },
});
