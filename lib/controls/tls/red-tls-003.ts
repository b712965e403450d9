import { defineControl } from '../define-control';
import { configCheck, ptr, statusForOutcome } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';
import type { SelfHostedFacts, TlsVersion } from '../../facts/self-hosted';

const LEGACY: TlsVersion[] = ['TLSv1', 'TLSv1.1'];
const MODERN: TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];

export default defineControl('RED-TLS-003', {
  expected: () => 'TLSv1 and TLSv1.1 refused, TLSv1.2 or TLSv1.3 accepted (or tls-protocols lists only TLSv1.2/TLSv1.3)',
  self(facts) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    const probe = probeCheck(facts);
    const protocols = configCheck('tlsProtocols', facts.config, 'tls-protocols', (value, ref) => {
      const listed = value.split(/\s+/).filter(Boolean);
      if (listed.length === 0) {
        return undecided('tlsProtocols', 'not_assessable', 'tls-protocols empty (OpenSSL default)', [ref], value);
      }
      const legacy = listed.filter((p) => LEGACY.includes(p as TlsVersion));
      return legacy.length
        ? failed('tlsProtocols', listed, `tls-protocols enables ${legacy.join(', ')}`, [ref])
        : passed('tlsProtocols', listed, [ref]);
    });
    // A probe result decides; without one, the configuration decides (catalog). A legacy version
    // listed in tls-protocols fails even when the probe could not test it.
    if (probe.outcome === 'pass' || probe.outcome === 'fail') {
      return combine(protocols.outcome === 'fail' ? [probe, protocols] : [probe]);
    }
    if (protocols.outcome === 'pass' || protocols.outcome === 'fail') return combine([protocols]);
    return combine([probe, protocols]);
  },
});

function probeCheck(facts: SelfHostedFacts): Check {
  const handshakes = facts.tls.handshakes;
  const refs = [ptr('tls', 'handshakes')];
  const result = (v: TlsVersion) => (handshakes[v].ok ? handshakes[v].value.result : 'missing');
  const observed = Object.fromEntries([...LEGACY, ...MODERN].map((v) => [v, result(v)]));
  const acceptedLegacy = LEGACY.filter((v) => result(v) === 'accepted');
  if (acceptedLegacy.length) return failed('handshakes', observed, `${acceptedLegacy.join(', ')} handshake accepted`, refs);
  const legacyRefused = LEGACY.every((v) => result(v) === 'refused');
  const modernAccepted = MODERN.some((v) => result(v) === 'accepted');
  if (legacyRefused && modernAccepted) return passed('handshakes', observed, refs);
  const missing = [...LEGACY, ...MODERN].map((v) => handshakes[v]).find((h) => !h.ok);
  if (missing && !missing.ok) {
    return undecided('handshakes', statusForOutcome(missing.outcome), `${missing.source}: ${missing.reason} (${missing.outcome})`, refs, observed);
  }
  const reason = legacyRefused
    ? 'neither TLSv1.2 nor TLSv1.3 was accepted'
    : 'the probe could not offer TLSv1/TLSv1.1 (not tested, never read as refused)';
  return undecided('handshakes', 'not_assessable', reason, refs, observed);
}
