import { defineControl } from '../define-control';
import { keyspaceAudit, keyspaceVerdict, KEYSPACE_REF, cloudKeyspace } from '../support/keyspace';
import { single, undecided } from '../support/verdict';

export default defineControl('RED-DATA-003', {
  expected: () => 'no SSN, MRN, DOB, email, phone or card-number hit in any sampled value (field-name hints alone do not fail)',
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const { values } = gate.audit;
    if (!values.enabled) return single(undecided('values', 'not_assessable', 'value sampling is not enabled for this instance (an opt-in: keyspaceReadValues: true in the keyspace policy of the app, or CLI --sample-rate > 0)', [KEYSPACE_REF]));
    if (values.sampled === 0) return single(undecided('values', 'not_assessable', 'no value could be sampled', [KEYSPACE_REF]));
    const hits = values.hits.filter((h) => h.detector !== 'field_name_hint');
    const hints = values.hits.filter((h) => h.detector === 'field_name_hint').map((h) => ({ pattern: h.pattern, count: h.count }));
    const observed = {
      sampled: values.sampled,
      hits: hits.map((h) => ({ detector: h.detector, keyClass: h.keyClass, pattern: h.pattern, count: h.count, excerpts: h.excerpts.slice(0, 3) })),
      fieldNameHints: hints,
    };
    const violation = hits.length
      ? hits.map((h) => `${h.detector.toUpperCase()} in ${h.count} sampled value(s) of ${h.pattern}`).join('; ')
      : null;
    return keyspaceVerdict(gate.audit, violation, observed);
  },
});
