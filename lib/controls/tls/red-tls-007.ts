import { defineControl } from '../define-control';
import { factCheck, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { noDataPlane, whenCloudTlsOff } from '../support/cloud';
import type { CloudFacts } from '../context';
import { failed, passed, single } from '../support/verdict';

const cloud = (facts: CloudFacts) => whenCloudTlsOff(facts) ?? noDataPlane('a TLS handshake to verify the server certificate');

export default defineControl('RED-TLS-007', {
  expected: {
    self: () => 'certificate chain verifies against the uploaded CA and the endpoint name matches the certificate',
    ec: () => 'certificate chain verifies against the public roots and the endpoint name matches (handshake)',
    ecs: () => 'certificate chain verifies against the public roots and the endpoint name matches (handshake)',
    ms: () => 'certificate chain verifies against the instance serverCaCerts (handshake; Memorystore connects by IP: chain only)',
  },
  ec: cloud,
  ecs: cloud,
  ms: cloud,
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
