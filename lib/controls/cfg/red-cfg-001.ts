import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { failed, passed, single } from '../support/verdict';

export default defineControl('RED-CFG-001', {
  expected: (t) => `engine major ≥ ${t.minEngineMajor.redis} (Redis) / ${t.minEngineMajor.valkey} (Valkey)`,
  self(facts, ctx) {
    const ref = ptr('server');
    const server = need(facts.server, ref);
    if (!server.ok) return server.verdict;
    const { engine, version, major } = server.value;
    const minimum = ctx.thresholds.minEngineMajor[engine];
    const observed = { engine, version };
    return single(
      major >= minimum
        ? passed('version', observed, [ref])
        : failed('version', observed, `${engine} ${version} is below the supported major ${minimum}`, [ref]),
    );
  },
});
