import { defineControl } from '../define-control';
import { configCheck, need, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { combine, failed, notApplicable, passed, single, undecided, type Check } from '../support/verdict';
import { absentField, ecSettings, instanceRef, msInstance, settingRef, whenCloudTlsOff } from '../support/cloud';
import { passByPlatform } from '../support/platform-guarantees';

export default defineControl('RED-TLS-006', {
  expected: {
    self: () => 'tls-replication yes when replicated; tls-cluster yes in cluster mode',
    ec: () => 'TransitEncryptionEnabled = true with ≥ 2 nodes (platform guarantee: node-to-node traffic encrypted)',
    ecs: () => 'node-to-node traffic encrypted (platform guarantee)',
    ms: () => 'tier STANDARD_HA (platform guarantee: replicated data encrypted at the network level)',
  },
  ec(facts) {
    const tlsOff = whenCloudTlsOff(facts);
    if (tlsOff) return tlsOff;
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const nodes = settings.value.MemberClusters.length;
    if (nodes < 2) return notApplicable(`single node without replicas (${facts.kind})`, [settingRef('MemberClusters')]);
    if (settings.value.TransitEncryptionEnabled !== true) {
      return single(absentField('transitEncryption', 'TransitEncryptionEnabled', settingRef('TransitEncryptionEnabled')));
    }
    return passByPlatform('ec-encrypted-node-traffic', facts, [settingRef('TransitEncryptionEnabled'), settingRef('MemberClusters')]);
  },
  ecs: (facts) => passByPlatform('ecs-encrypted-node-traffic', facts),
  ms(facts) {
    const tlsOff = whenCloudTlsOff(facts);
    if (tlsOff) return tlsOff;
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const tier = instance.value.tier;
    if (tier === 'BASIC') return notApplicable('single node without replicas (BASIC tier)', [instanceRef('tier')]);
    if (tier !== 'STANDARD_HA') return single(undecided('tier', 'not_assessable', `tier ${tier ?? 'absent'} is not a known Memorystore tier`, [instanceRef('tier')]));
    return passByPlatform('ms-standard-tier-replication-encrypted', facts, [instanceRef('tier')]);
  },
  self(facts) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    const role = need(facts.role, ptr('role'));
    if (!role.ok) return role.verdict;
    const server = need(facts.server, ptr('server'));
    if (!server.ok) return server.verdict;
    const replicated = role.value.role === 'slave' || role.value.replicas.length > 0;
    const cluster = server.value.mode === 'cluster';
    if (!replicated && !cluster) {
      return notApplicable('single node without replicas', [ptr('role'), ptr('server', 'mode')]);
    }
    const yes = (name: string, param: 'tls-replication' | 'tls-cluster') =>
      configCheck(name, facts.config, param, (value, ref) =>
        value === 'yes' ? passed(name, value, [ref, ptr('role')]) : failed(name, value, `${param} ${value}`, [ref, ptr('role')]),
      );
    const checks: Check[] = [];
    if (replicated) checks.push(yes('tlsReplication', 'tls-replication'));
    if (cluster) checks.push(yes('tlsCluster', 'tls-cluster'));
    return combine(checks);
  },
});
