import type { InfoSections, RoleFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { noDataPlane } from '../support/cloud';
import { counterDelta, intervalBetween } from '../support/delta';
import { need, ptr } from '../support/facts';
import { infoField, infoNumber, infoRef } from '../support/info';
import { treatedAsPhi } from '../support/inventory';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';
import type { Thresholds } from '../thresholds';

function memoryCheck(info: InfoSections, t: Thresholds): Check {
  const used = infoNumber(info, 'memory', 'used_memory');
  const maxmemory = infoNumber(info, 'memory', 'maxmemory') || infoNumber(info, 'memory', 'total_system_memory');
  const refs = [infoRef('memory', 'used_memory'), infoRef('memory', 'maxmemory')];
  if (used === undefined || !maxmemory) return undecided('memory', 'error', 'INFO memory lacks used_memory or a maximum (unparseable)', refs);
  const percent = Math.round((used / maxmemory) * 1000) / 10;
  return percent <= t.memoryUsageMaxPercent
    ? passed('memory', { usedPercent: percent }, refs)
    : failed('memory', { usedPercent: percent }, `memory ${percent} % used (max ${t.memoryUsageMaxPercent} %)`, refs);
}

function replicationCheck(role: RoleFacts, info: InfoSections, t: Thresholds): Check | null {
  const refs = [ptr('role'), infoRef('replication', 'master_link_status')];
  if (role.role === 'slave') {
    const link = infoField(info, 'replication', 'master_link_status') ?? role.master?.linkState ?? 'unknown';
    const lastIo = infoNumber(info, 'replication', 'master_last_io_seconds_ago');
    const observed = { masterLinkStatus: link, masterLastIoSecondsAgo: lastIo ?? null };
    if (link !== 'up') return failed('replication', observed, `master_link_status:${link}`, refs);
    if (lastIo !== undefined && lastIo > t.replicationLagMaxSeconds) {
      return failed('replication', observed, `no data from the primary for ${lastIo} s`, refs);
    }
    return passed('replication', observed, refs);
  }
  if (role.replicas.length === 0) return null;
  const replicas = role.replicas.map((r) => ({ replica: `${r.ip}:${r.port}`, state: r.state, lagSeconds: r.lagSeconds }));
  const unhealthy = replicas.filter(
    (r) => (r.state !== null && r.state !== 'online') || (r.lagSeconds !== null && r.lagSeconds > t.replicationLagMaxSeconds),
  );
  return unhealthy.length
    ? failed('replication', replicas, `replica(s) ${unhealthy.map((r) => `${r.replica} ${r.state ?? ''} lag ${r.lagSeconds ?? '?'} s`).join(', ')}`, refs)
    : passed('replication', replicas, refs);
}

/** The cloud scan reads the provider API only; this control needs the data plane. */
const withoutDataPlane = () => noDataPlane('INFO memory, INFO stats and INFO replication');

export default defineControl('RED-MON-005', {
  expected: (t) =>
    `memory ≤ ${t.memoryUsageMaxPercent} % of the maximum; no evictions on a PHI instance; replicas linked with lag ≤ ${t.replicationLagMaxSeconds} s`,
  ec: withoutDataPlane,
  ecs: withoutDataPlane,
  ms: withoutDataPlane,
  self(facts, ctx) {
    const info = need(facts.info, ptr('info'));
    if (!info.ok) return info.verdict;
    const role = need(facts.role, ptr('role'));
    if (!role.ok) return role.verdict;
    const checks: Check[] = [memoryCheck(info.value, ctx.thresholds)];
    const replication = replicationCheck(role.value, info.value, ctx.thresholds);
    if (replication) checks.push(replication);
    // Evictions need the previous snapshot; the first snapshot still decides the rest (catalog).
    const previousEvicted = ctx.previousFacts?.info.ok ? infoNumber(ctx.previousFacts.info.value, 'stats', 'evicted_keys') : undefined;
    const evicted = infoNumber(info.value, 'stats', 'evicted_keys');
    const evictionRef = infoRef('stats', 'evicted_keys');
    if (ctx.previousFacts && previousEvicted !== undefined && evicted !== undefined) {
      const evictions = counterDelta(previousEvicted, evicted, intervalBetween(ctx.previousFacts, facts));
      const phi = treatedAsPhi(ctx.instance, ctx);
      checks.push(
        evictions > 0 && phi
          ? failed('evictions', { evictions, phi }, `${evictions} keys evicted since the previous snapshot on a PHI instance`, [evictionRef])
          : passed('evictions', { evictions, phi }, [evictionRef]),
      );
    }
    return combine(checks);
  },
});
