import { defineControl } from '../define-control';
import { missingVerdict, ptr } from '../support/facts';
import { passByPlatform } from '../support/platform-guarantees';
import { uncollected, type AwsFacts } from '../support/cloud';

/** CloudTrail is an optional API without a client in this build: its facts say why they are missing. */
const cloudTrail = (facts: AwsFacts) => missingVerdict(uncollected(facts.cloudTrail), ptr('cloudTrail'));
const AWS_RULE = () => "a CloudTrail trail, multi-region or homed in the cache's region, logging all management events (ReadWriteType All)";

export default defineControl('RED-LOG-001', {
  expected: { ec: AWS_RULE, ecs: AWS_RULE, ms: () => 'Cloud Audit Logs Admin Activity entries (platform guarantee)' },
  ec: cloudTrail,
  ecs: cloudTrail,
  ms: (facts) => passByPlatform('ms-admin-activity-audit-logs', facts),
});
