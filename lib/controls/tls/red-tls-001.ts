import { TLS_VERSIONS, type TlsFacts } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { configCheck, missingCheck, ptr } from '../support/facts';
import { absentField, ecSettings, instanceRef, msInstance, settingRef } from '../support/cloud';
import { passByPlatform } from '../support/platform-guarantees';
import { combine, failed, passed, single, undecided, type Check } from '../support/verdict';

export default defineControl('RED-TLS-001', {
  expected: {
    self: () => 'tls-port > 0 and a TLS handshake to it completes',
    ec: () => 'TransitEncryptionEnabled = true',
    ecs: () => 'in-transit encryption (platform guarantee: always on for serverless caches)',
    ms: () => 'transitEncryptionMode = SERVER_AUTHENTICATION',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const enabled = settings.value.TransitEncryptionEnabled;
    const ref = settingRef('TransitEncryptionEnabled');
    if (enabled === null) return single(absentField('transitEncryption', 'TransitEncryptionEnabled', ref));
    return single(enabled ? passed('transitEncryption', enabled, [ref]) : failed('transitEncryption', enabled, 'TransitEncryptionEnabled = false: clients connect in plaintext', [ref]));
  },
  ecs: (facts) => passByPlatform('ecs-in-transit-encryption', facts),
  ms(facts) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const mode = instance.value.transitEncryptionMode;
    const ref = instanceRef('transitEncryptionMode');
    return single(
      mode === 'SERVER_AUTHENTICATION'
        ? passed('transitEncryptionMode', mode, [ref])
        : failed('transitEncryptionMode', mode, `transitEncryptionMode ${mode ?? 'unspecified'}: in-transit encryption is off`, [ref]),
    );
  },
  self(facts) {
    const tlsPort = configCheck('tlsPort', facts.config, 'tls-port', (value, ref) =>
      value.trim() === '0' ? failed('tlsPort', value, 'tls-port 0: no TLS listener', [ref]) : passed('tlsPort', value, [ref]),
    );
    if (tlsPort.outcome === 'fail') return combine([tlsPort]);
    // Without CONFIG, a completed handshake on the known TLS listener still decides (catalog).
    const handshake = handshakeCheck(facts.tls);
    if (tlsPort.outcome !== 'pass' && handshake.outcome === 'pass') return combine([handshake]);
    return combine([tlsPort, handshake]);
  },
});

function handshakeCheck(tls: TlsFacts): Check {
  const refs = [ptr('tls', 'handshakes')];
  if (!tls.endpoint) return undecided('handshake', 'not_assessable', 'no TLS port known to probe', [ptr('tls', 'endpoint')]);
  const results = TLS_VERSIONS.map((version) => ({ version, fact: tls.handshakes[version] }));
  const accepted = results.filter((r) => r.fact.ok && r.fact.value.result === 'accepted').map((r) => r.version);
  const endpoint = `${tls.endpoint.host}:${tls.endpoint.port}`;
  if (accepted.length) return passed('handshake', { endpoint, accepted }, refs);
  const missing = results.find((r) => !r.fact.ok);
  if (missing && !missing.fact.ok) return missingCheck('handshake', missing.fact, ptr('tls', 'handshakes', missing.version));
  const tested = results.filter((r) => r.fact.ok && r.fact.value.result === 'refused');
  if (tested.length === 0) return undecided('handshake', 'not_assessable', 'no TLS version could be tested by the probe', refs);
  return failed('handshake', { endpoint, accepted: [] }, `no TLS handshake completed on ${endpoint}`, refs);
}
