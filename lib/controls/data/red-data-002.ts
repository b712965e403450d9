import { defineControl } from '../define-control';
import { keyspaceAudit, keyspaceVerdict, topPatterns, cloudKeyspace } from '../support/keyspace';

export default defineControl('RED-DATA-002', {
  expected: (t) =>
    `no TTL above the class maximum (${t.keyClasses.filter((c) => c.maxTtlSeconds !== null).map((c) => `${c.name} ${c.maxTtlSeconds} s`).join(', ')})`,
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const offending = gate.audit.classes
      .filter((c) => c.maxTtlSeconds !== null && c.keysOverMaxTtl > 0)
      .map((c) => ({
        class: c.name,
        maxTtlSeconds: c.maxTtlSeconds,
        keysOverMax: c.keysOverMaxTtl,
        maxTtlSeenSeconds: c.maxTtlSeenSeconds,
        patterns: topPatterns(c.topPatternsOverMaxTtl),
      }));
    const violation = offending.length
      ? offending.map((o) => `${o.class}: ${o.keysOverMax} key(s) over ${o.maxTtlSeconds} s (max seen ${o.maxTtlSeenSeconds} s)`).join('; ')
      : null;
    return keyspaceVerdict(gate.audit, violation, { keysScanned: gate.audit.keysScanned, offending });
  },
});
