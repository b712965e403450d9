import type { ElastiCacheFacts } from '../../facts/aws';
import type { SelfHostedFacts } from '../../facts/self-hosted';
import type { EvaluationContext } from '../context';
import { defineControl } from '../define-control';
import { instanceRef, msInstance, noDataPlane, settingRef } from '../support/cloud';
import { NO_BASELINE } from '../support/delta';
import { need, ptr } from '../support/facts';
import { infoField } from '../support/info';
import { recordRef } from '../support/records';
import { combine, failed, passed, undecided, type Verdict } from '../support/verdict';

interface Change {
  field: string;
  before: string | null;
  after: string | null;
}

/** No change, or every change acknowledged (with its cause) between the two snapshots. */
function changesVerdict(changes: Change[], current: unknown, from: string, to: string, refs: string[], ctx: Pick<EvaluationContext, 'records'>): Verdict {
  if (changes.length === 0) return combine([passed('topology', current, refs)]);
  const acks = (ctx.records?.acknowledgements ?? []).filter(
    (a) => a.kind === 'role_change' && Date.parse(a.detectedAt) > Date.parse(from) && Date.parse(a.detectedAt) <= Date.parse(to),
  );
  if (acks.length) {
    const observed = { changes, acknowledgements: acks.map((a) => ({ id: a.id, cause: a.cause })) };
    return combine([passed('topology', observed, [...refs, ...acks.map((a) => recordRef('acknowledgement', a.id))])]);
  }
  const what = changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ');
  return combine([failed('topology', changes, `unacknowledged change since the previous snapshot: ${what}`, refs)]);
}

const differing = (before: Record<string, string | null>, after: Record<string, string | null>): Change[] =>
  Object.keys(after)
    .filter((field) => before[field] != null && after[field] != null && before[field] !== after[field])
    .map((field) => ({ field, before: before[field], after: after[field] }));

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

/** Primary of each node group (NodeGroupMembers[].CurrentRole, reported with cluster mode disabled). */
function primariesOf(facts: ElastiCacheFacts): Record<string, string | null> | null {
  if (!facts.settings.ok) return null;
  const entries = facts.settings.value.NodeGroups.flatMap((group) => {
    const primary = group.NodeGroupMembers.find((m) => m.CurrentRole === 'primary');
    return primary ? [[`primary of node group ${group.NodeGroupId ?? '?'}`, primary.CacheClusterId] as const] : [];
  });
  return entries.length ? Object.fromEntries(entries) : null;
}

export default defineControl('RED-MON-004', {
  expected: {
    self: () => 'no role, master or replication-id change since the previous snapshot, or every change acknowledged',
    ec: () => 'no primary change in any node group (NodeGroupMembers CurrentRole) since the previous snapshot, or every change acknowledged',
    ecs: () => 'no role change since the previous snapshot, or every change acknowledged (data plane INFO replication)',
    ms: () => 'currentLocationId unchanged since the previous snapshot, or every change acknowledged',
  },
  self(facts, ctx) {
    const ref = ptr('role');
    const role = need(facts.role, ref);
    if (!role.ok) return role.verdict;
    if (!ctx.previousFacts) return combine([undecided('baseline', 'not_assessable', NO_BASELINE, [])]);
    const before = topologyOf(ctx.previousFacts);
    const after = topologyOf(facts)!;
    if (!before) return combine([undecided('baseline', 'not_assessable', 'the previous snapshot has no ROLE facts', [])]);
    const changes = differing({ ...before }, { ...after });
    return changesVerdict(changes, after, ctx.previousFacts.meta.collectedAt, facts.meta.finishedAt, [ref, ptr('info', 'replication', 'master_replid')], ctx);
  },
  ec(facts, ctx) {
    const after = primariesOf(facts);
    const ref = settingRef('NodeGroups');
    if (!after) {
      return combine([undecided('topology', 'not_assessable', 'no API signal (CurrentRole is reported for cluster-mode-disabled replication groups only) and no data plane', [ref])]);
    }
    if (!ctx.previousFacts) return combine([undecided('baseline', 'not_assessable', NO_BASELINE, [])]);
    const before = primariesOf(ctx.previousFacts);
    if (!before) return combine([undecided('baseline', 'not_assessable', 'the previous snapshot has no primary per node group', [])]);
    return changesVerdict(differing(before, after), after, ctx.previousFacts.collectedAt, facts.collectedAt, [ref], ctx);
  },
  ecs: () => noDataPlane('INFO replication (role changes)'),
  ms(facts, ctx) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const after = { currentLocationId: instance.value.currentLocationId };
    if (!ctx.previousFacts) return combine([undecided('baseline', 'not_assessable', NO_BASELINE, [])]);
    const previous = ctx.previousFacts.instance;
    if (!previous.ok) return combine([undecided('baseline', 'not_assessable', 'the previous snapshot has no instance description', [])]);
    const before = { currentLocationId: previous.value.currentLocationId };
    return changesVerdict(differing(before, after), after, ctx.previousFacts.collectedAt, facts.collectedAt, [instanceRef('currentLocationId')], ctx);
  },
});
