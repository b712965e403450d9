import { defineControl } from '../define-control';
import { factCheck, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { failed, passed, single } from '../support/verdict';

export default defineControl('RED-TLS-007', {
  expected: () => 'certificate chain verifies against the uploaded CA and the endpoint name matches the certificate',
  self(facts) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    return single(
      factCheck('verification', facts.tls.verification, ptr('tls', 'verification'), (v, ref) => {
        const observed = { chainVerified: v.chainVerified, chainError: v.chainError, hostname: v.hostname, hostnameMatches: v.hostnameMatches };
        const problems = [
          ...(v.chainVerified ? [] : [`chain does not verify (${v.chainError ?? 'unknown error'})`]),
          ...(v.hostnameMatches ? [] : [`name ${v.hostname} not in the certificate (${v.hostnameError ?? 'mismatch'})`]),
        ];
        return problems.length ? failed('verification', observed, problems.join('; '), [ref]) : passed('verification', observed, [ref]);
      }),
    );
  },
});
