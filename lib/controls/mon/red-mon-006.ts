import type { ElastiCacheFacts } from '../../facts/aws';
import type { EvaluationContext } from '../context';
import { defineControl } from '../define-control';
import { missingCheck, ptr } from '../support/facts';
import { currentAttestation, recordRef } from '../support/records';
import { combine, failed, passed, single, type Check } from '../support/verdict';
import type { Thresholds } from '../thresholds';

type RecordsContext = Pick<EvaluationContext, 'thresholds' | 'now' | 'records'>;

/** The app's notifications for the instance, or a current alert-routing attestation. */
function alertRoutingCheck(ctx: RecordsContext): Check {
  if (ctx.records?.alertNotificationsEnabled) {
    return passed('alertRouting', 'app notifications enabled', [recordRef('notifications', 'instance')]);
  }
  const attestation = currentAttestation('alertRouting', ctx, 'alert_routing');
  if (!attestation.found) return attestation.check;
  const { events, channel } = attestation.record.claims;
  return passed('alertRouting', { events, channel, approvedAt: attestation.record.approvedAt }, [attestation.ref]);
}

/** Every member cluster publishes its events to an active SNS topic. */
function snsTopicCheck(facts: ElastiCacheFacts): Check {
  if (!facts.members.ok) return missingCheck('snsTopic', facts.members, ptr('members'));
  const topics = facts.members.value.clusters.map((c) => ({ member: c.CacheClusterId, topic: c.NotificationConfiguration?.TopicArn ?? null, status: c.NotificationConfiguration?.TopicStatus ?? null }));
  const inactive = topics.filter((t) => !t.topic || t.status !== 'active');
  return inactive.length
    ? failed('snsTopic', topics, `no active SNS notification topic on ${inactive.map((t) => `${t.member}${t.topic ? ` (${t.status})` : ''}`).join(', ')}`, [ptr('members')])
    : passed('snsTopic', topics, [ptr('members')]);
}

const ROUTING_RULE = (t: Thresholds) => `the app's notifications enabled for the instance, or an alert-routing attestation younger than ${t.attestationMaxAgeDays} days`;

export default defineControl('RED-MON-006', {
  expected: {
    self: ROUTING_RULE,
    ec: (t) => `an active SNS topic (NotificationConfiguration) on every member cluster, and ${ROUTING_RULE(t)}`,
    ecs: ROUTING_RULE,
    ms: ROUTING_RULE,
  },
  self: (_facts, ctx) => single(alertRoutingCheck(ctx)),
  ec: (facts, ctx) => combine([snsTopicCheck(facts), alertRoutingCheck(ctx)]),
  ecs: (_facts, ctx) => single(alertRoutingCheck(ctx)),
  ms: (_facts, ctx) => single(alertRoutingCheck(ctx)),
});
