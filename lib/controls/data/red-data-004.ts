import { defineControl } from '../define-control';
import { keyspaceAudit, keyspaceVerdict, cloudKeyspace } from '../support/keyspace';

export default defineControl('RED-DATA-004', {
  expected: () => 'no PHI detector hit in any scanned key name',
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const hits = gate.audit.keyNameHits.filter((h) => h.detector !== 'field_name_hint');
    const observed = { keysScanned: gate.audit.keysScanned, hits: hits.map((h) => ({ detector: h.detector, pattern: h.pattern, count: h.count })) };
    const violation = hits.length ? hits.map((h) => `${h.pattern}: ${h.count} key name(s)`).join('; ') : null;
    return keyspaceVerdict(gate.audit, violation, observed);
  },
});
