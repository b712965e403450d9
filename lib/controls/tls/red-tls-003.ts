import { defineControl } from '../define-control';
import { configCheck, ptr, statusForOutcome } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { combine, failed, passed, single, undecided, type Check, type Verdict } from '../support/verdict';
import type { ElastiCacheFacts } from '../../facts/aws';
import type { SelfHostedFacts, TlsVersion } from '../../facts/self-hosted';
import { ecMemberEngines, whenCloudTlsOff } from '../support/cloud';
import { passByPlatform } from '../support/platform-guarantees';
import type { PlatformContext } from '../context';

const LEGACY: TlsVersion[] = ['TLSv1', 'TLSv1.1'];
const MODERN: TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];

/** AWS accepted TLS 1.0/1.1 on engines ≥ 6 until this day (catalog RED-TLS-003). */
const EC_LEGACY_TLS_END = '2025-05-08T00:00:00Z';
const EC_MIN_MAJOR = 6;

export default defineControl('RED-TLS-003', {
  expected: {
    self: () => 'TLSv1 and TLSv1.1 refused, TLSv1.2 or TLSv1.3 accepted (or tls-protocols lists only TLSv1.2/TLSv1.3)',
    ec: () => `every member on an engine ≥ ${EC_MIN_MAJOR} (platform guarantee since ${EC_LEGACY_TLS_END.slice(0, 10)}: TLS 1.2 or newer only)`,
    ecs: () => 'TLS 1.2 or newer only (platform guarantee)',
    ms: () => 'TLS 1.2 or newer only (platform guarantee)',
  },
  ec: (facts, ctx) => whenCloudTlsOff(facts) ?? ecTls12(facts, ctx),
  ecs: (facts) => passByPlatform('ecs-tls12-minimum', facts),
  ms: (facts) => whenCloudTlsOff(facts) ?? passByPlatform('ms-tls12-minimum', facts),
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

/** Without a handshake probe, the AWS TLS 1.2 minimum decides for engines ≥ 6 (after its start date). */
function ecTls12(facts: ElastiCacheFacts, ctx: PlatformContext<ElastiCacheFacts>): Verdict {
  const engines = ecMemberEngines(facts);
  if (!engines.ok) return engines.verdict;
  const refs = [ptr('members')];
  const legacy = engines.value.filter((e) => e.major === null || e.major < EC_MIN_MAJOR);
  if (engines.value.length === 0 || legacy.length) {
    const which = legacy.map((e) => `${e.member} ${e.engine ?? '?'} ${e.version ?? 'unknown'}`).join(', ') || 'no member cluster listed';
    return single(undecided('engines', 'not_assessable', `engine below ${EC_MIN_MAJOR} or unknown (${which}) and no handshake probe: legacy TLS may still be accepted`, refs, engines.value));
  }
  if (ctx.now.getTime() < Date.parse(EC_LEGACY_TLS_END)) {
    return single(undecided('engines', 'not_assessable', `AWS accepts TLS 1.0/1.1 until ${EC_LEGACY_TLS_END.slice(0, 10)} and no handshake probe was made`, refs, engines.value));
  }
  return passByPlatform('ec-tls12-minimum', facts, refs);
}
