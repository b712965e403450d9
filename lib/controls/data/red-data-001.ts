import { defineControl } from '../define-control';
import { keyspaceAudit, keyspaceVerdict, topPatterns, cloudKeyspace } from '../support/keyspace';

export default defineControl('RED-DATA-001', {
  expected: (t) => `no key without expiry in the classes that require a TTL (${t.keyClasses.filter((c) => c.ttlRequired).map((c) => c.name).join(', ')})`,
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const offending = gate.audit.classes
      .filter((c) => c.ttlRequired && c.keysWithoutTtl > 0)
      .map((c) => ({ class: c.name, keysWithoutTtl: c.keysWithoutTtl, patterns: topPatterns(c.topPatternsWithoutTtl) }));
    const violation = offending.length
      ? offending.map((o) => `${o.class}: ${o.keysWithoutTtl} key(s) without expiry (${o.patterns.map((p) => p.pattern).join(', ')})`).join('; ')
      : null;
    return keyspaceVerdict(gate.audit, violation, { keysScanned: gate.audit.keysScanned, offending });
  },
});
