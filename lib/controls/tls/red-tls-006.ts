import { defineControl } from '../define-control';
import { configCheck, need, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { combine, failed, notApplicable, passed, type Check } from '../support/verdict';

export default defineControl('RED-TLS-006', {
  expected: () => 'tls-replication yes when replicated; tls-cluster yes in cluster mode',
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
