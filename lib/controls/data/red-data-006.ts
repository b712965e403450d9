import { defineControl } from '../define-control';
import { keyspaceAudit, keyspaceVerdict, topPatterns, cloudKeyspace } from '../support/keyspace';

export default defineControl('RED-DATA-006', {
  expected: (t) => `unclassified keys ≤ ${t.unclassifiedKeysMaxPercent} % of scanned keys`,
  ec: cloudKeyspace,
  ecs: cloudKeyspace,
  ms: cloudKeyspace,
  self(facts, ctx) {
    const gate = keyspaceAudit(facts, ctx);
    if (!gate.ok) return gate.verdict;
    const { keysScanned, unclassified } = gate.audit;
    const percent = keysScanned === 0 ? 0 : Math.round((unclassified.keys / keysScanned) * 1000) / 10;
    const observed = { keysScanned, unclassified: unclassified.keys, percent, patterns: topPatterns(unclassified.topPatterns) };
    const violation =
      percent > ctx.thresholds.unclassifiedKeysMaxPercent
        ? `${percent} % of scanned keys match no declared class (${observed.patterns.map((p) => p.pattern).join(', ')})`
        : null;
    return keyspaceVerdict(gate.audit, violation, observed);
  },
});
