import type { SelfHostedFacts, TlsHandshakeResult, TlsVersion } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { configCheck, factCheck, missingCheck, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { noDataPlane, whenCloudTlsOff } from '../support/cloud';
import type { CloudFacts } from '../context';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';

/** TLS 1.2 suites that are forward-secret (ECDHE) and AEAD (GCM / ChaCha20-Poly1305). */
function isForwardSecretAead(cipherName: string): boolean {
  return cipherName.startsWith('ECDHE-') && (cipherName.includes('-GCM-') || cipherName.includes('CHACHA20-POLY1305'));
}

function negotiatedCheck(facts: SelfHostedFacts): Check {
  const versions: TlsVersion[] = ['TLSv1.3', 'TLSv1.2'];
  const refs = versions.map((v) => ptr('tls', 'handshakes', v));
  const accepted = versions.flatMap((version) => {
    const h = facts.tls.handshakes[version];
    return h.ok && h.value.result === 'accepted' ? [{ version, cipher: h.value.cipher?.name ?? null }] : [];
  });
  if (accepted.length === 0) {
    const missing = versions.map((v) => facts.tls.handshakes[v]).find((h) => !h.ok);
    if (missing && !missing.ok) return missingCheck('negotiated', missing, refs[0]);
    return undecided('negotiated', 'not_assessable', 'no TLSv1.2/TLSv1.3 handshake completed to observe a suite', refs);
  }
  // TLS 1.3 suites are all forward-secret AEAD.
  const weak = accepted.filter((a) => a.version === 'TLSv1.2' && !(a.cipher && isForwardSecretAead(a.cipher)));
  return weak.length
    ? failed('negotiated', accepted, `TLSv1.2 negotiated ${weak.map((w) => w.cipher ?? 'unknown suite').join(', ')}`, refs)
    : passed('negotiated', accepted, refs);
}

function legacyOfferCheck(offer: SelfHostedFacts['tls']['legacyCipherOffer']): Check {
  return factCheck('legacyOffer', offer, ptr('tls', 'legacyCipherOffer'), (result: TlsHandshakeResult, ref) => {
    if (result.result === 'refused') return passed('legacyOffer', 'refused', [ref]);
    if (result.result === 'accepted') {
      return failed('legacyOffer', result.cipher?.name ?? 'accepted', `legacy-only cipher offer accepted (${result.cipher?.name ?? 'unknown suite'})`, [ref]);
    }
    return undecided('legacyOffer', 'not_assessable', 'the probe could not offer legacy suites (not tested)', [ref], 'not_tested');
  });
}

const CLOUD_RULE = () => 'TLS 1.3, or TLS 1.2 ECDHE with AES-GCM or CHACHA20-POLY1305 negotiated; a legacy-only offer refused (handshake probe)';
/** ec, ecs, ms have no configuration fact for cipher suites: only a handshake can tell. */
const cloud = (facts: CloudFacts) => whenCloudTlsOff(facts) ?? noDataPlane('a TLS handshake probe to the endpoint');

export default defineControl('RED-TLS-004', {
  expected: {
    self: () => 'TLS 1.3, or TLS 1.2 ECDHE with AES-GCM or CHACHA20-POLY1305 negotiated; a legacy-only offer refused; tls-prefer-server-ciphers yes',
    ec: CLOUD_RULE,
    ecs: CLOUD_RULE,
    ms: CLOUD_RULE,
  },
  ec: cloud,
  ecs: cloud,
  ms: cloud,
  self(facts) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    return combine([
      negotiatedCheck(facts),
      legacyOfferCheck(facts.tls.legacyCipherOffer),
      configCheck('preferServerCiphers', facts.config, 'tls-prefer-server-ciphers', (value, ref) =>
        value === 'yes'
          ? passed('preferServerCiphers', value, [ref])
          : failed('preferServerCiphers', value, `tls-prefer-server-ciphers ${value}`, [ref]),
      ),
    ]);
  },
});
