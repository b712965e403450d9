import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { failed, passed, single, undecided, type Verdict } from '../support/verdict';
import { ecMemberEngines, ecsSettings, engineMajor, instanceRef, msInstance, settingRef } from '../support/cloud';
import type { Thresholds } from '../thresholds';

const RULE = (t: Thresholds) => `engine major ≥ ${t.minEngineMajor.redis} (Redis) / ${t.minEngineMajor.valkey} (Valkey)`;

interface EngineVersion {
  node: string;
  engine: string | null;
  version: string | null;
  major: number | null;
}

/** Every node's major at or above the minimum for its engine; a version that cannot be read is never a pass. */
function versionsCheck(versions: EngineVersion[], t: Thresholds, ref: string): Verdict {
  const observed = versions.map(({ node, engine, version }) => ({ node, engine, version }));
  if (versions.length === 0) return single(undecided('version', 'not_assessable', 'no node with an engine version in the describe responses', [ref]));
  const below = versions.filter((v) => (v.engine === 'redis' || v.engine === 'valkey') && v.major !== null && v.major < t.minEngineMajor[v.engine]);
  if (below.length) {
    const which = below.map((v) => `${v.node} ${v.engine} ${v.version}`).join(', ');
    return single(failed('version', observed, `below the supported major: ${which}`, [ref]));
  }
  const unknown = versions.filter((v) => !(v.engine === 'redis' || v.engine === 'valkey') || v.major === null);
  if (unknown.length) {
    return single(undecided('version', 'not_assessable', `engine or version not readable for ${unknown.map((v) => v.node).join(', ')}`, [ref], observed));
  }
  return single(passed('version', observed, [ref]));
}

export default defineControl('RED-CFG-001', {
  expected: { self: RULE, ec: RULE, ecs: RULE, ms: RULE },
  ec(facts, ctx) {
    const engines = ecMemberEngines(facts);
    if (!engines.ok) return engines.verdict;
    return versionsCheck(engines.value.map((e) => ({ node: e.member, ...e })), ctx.thresholds, ptr('members'));
  },
  ecs(facts, ctx) {
    const settings = ecsSettings(facts);
    if (!settings.ok) return settings.verdict;
    const { Engine, MajorEngineVersion, FullEngineVersion } = settings.value;
    const version = FullEngineVersion ?? MajorEngineVersion;
    return versionsCheck([{ node: facts.resourceId, engine: Engine, version, major: engineMajor(MajorEngineVersion ?? FullEngineVersion) }], ctx.thresholds, settingRef('MajorEngineVersion'));
  },
  ms(facts, ctx) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const version = instance.value.redisVersion;
    return versionsCheck([{ node: facts.resourceId, engine: 'redis', version, major: engineMajor(version) }], ctx.thresholds, instanceRef('redisVersion'));
  },
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
