import { defineControl } from '../define-control';
import { configCheck, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { combine, failed, passed, type Check } from '../support/verdict';

export default defineControl('RED-TLS-005', {
  expected: () => 'tls-auth-clients yes, and a handshake without a client certificate refused (when probed)',
  self(facts) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    const setting = configCheck('tlsAuthClients', facts.config, 'tls-auth-clients', (value, ref) =>
      value === 'yes' ? passed('tlsAuthClients', value, [ref]) : failed('tlsAuthClients', value, `tls-auth-clients ${value}`, [ref]),
    );
    const checks: Check[] = [setting];
    const probe = facts.tls.clientCertRequired;
    const ref = ptr('tls', 'clientCertRequired');
    // The certificate-less handshake is optional evidence; it decides alone only when CONFIG is missing.
    if (probe.ok) {
      checks.push(
        probe.value.required
          ? passed('certlessHandshake', 'refused', [ref])
          : failed('certlessHandshake', 'accepted', 'a handshake without a client certificate was accepted', [ref]),
      );
    }
    const decided = checks.filter((c) => c.outcome === 'pass' || c.outcome === 'fail');
    return combine(setting.outcome !== 'pass' && setting.outcome !== 'fail' && decided.length ? decided : checks);
  },
});
