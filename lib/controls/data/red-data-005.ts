import { defineControl } from '../define-control';
import { keyspaceAudit, keyspaceVerdict, KEYSPACE_REF, cloudKeyspace } from '../support/keyspace';
import { notApplicable, single, undecided } from '../support/verdict';

export default defineControl('RED-DATA-005', {
  expected: () => 'no sampled phi_cache value is plaintext-like',
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const phiCache = gate.audit.classes.find((c) => c.name === 'phi_cache');
    if (!phiCache || phiCache.keys === 0) {
      // On a partial run the class may exist in the part not covered.
      if (gate.audit.coverage === 'complete') return notApplicable('no keys of class phi_cache found', [KEYSPACE_REF]);
    }
    const { values } = gate.audit;
    if (!values.enabled) return single(undecided('values', 'not_assessable', 'value sampling is not enabled for this instance (an opt-in: keyspaceReadValues: true in the keyspace policy of the app, or CLI --sample-rate > 0)', [KEYSPACE_REF]));
    const shape = values.phiCache;
    if (shape.sampled === 0 && phiCache && phiCache.keys > 0) {
      return single(undecided('values', 'not_assessable', 'no phi_cache value could be sampled', [KEYSPACE_REF]));
    }
    const violation = shape.plaintextLike > 0 ? `${shape.plaintextLike} of ${shape.sampled} sampled phi_cache values are plaintext-like` : null;
    return keyspaceVerdict(gate.audit, violation, shape);
  },
});
