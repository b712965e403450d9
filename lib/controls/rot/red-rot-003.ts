import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { failed, notApplicable, passed, single, undecided } from '../support/verdict';
import { instanceRef, msInstance, whenCloudTlsOff, type AwsFacts } from '../support/cloud';

const DAY_MS = 86_400_000;

/** AWS manages the server certificates; without a handshake there is no certificate to read. */
const awsCertificates = (facts: AwsFacts) =>
  whenCloudTlsOff(facts) ?? notApplicable('no TLS handshake to this endpoint: AWS manages the server certificates', []);

export default defineControl('RED-ROT-003', {
  expected: {
    self: (t) => `every certificate valid ≥ ${t.certExpiryWarningDays} more days; leaf issued ≤ ${t.certMaxLifetimeDays} days ago`,
    ec: (t) => `every certificate of the handshake valid ≥ ${t.certExpiryWarningDays} more days`,
    ecs: (t) => `every certificate of the handshake valid ≥ ${t.certExpiryWarningDays} more days`,
    ms: (t) => `every server CA (serverCaCerts) valid ≥ ${t.certExpiryWarningDays} more days; expireTime equals the PEM notAfter`,
  },
  ec: awsCertificates,
  ecs: awsCertificates,
  ms(facts, ctx) {
    const tlsOff = whenCloudTlsOff(facts);
    if (tlsOff) return tlsOff;
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const ref = instanceRef('serverCaCerts');
    const cas = instance.value.serverCaCerts;
    if (cas.length === 0) return single(undecided('serverCas', 'not_assessable', 'serverCaCerts missing although in-transit encryption is on', [ref]));
    const mismatch = cas.filter((ca) => ca.expireTime && ca.certNotAfter && Date.parse(ca.expireTime) !== Date.parse(ca.certNotAfter));
    if (mismatch.length) {
      const which = mismatch.map((ca) => `${ca.serialNumber ?? ca.sha1Fingerprint}: expireTime ${ca.expireTime} ≠ PEM notAfter ${ca.certNotAfter}`).join('; ');
      return single(undecided('serverCas', 'error', `serverCaCerts inconsistent: ${which}`, [ref]));
    }
    const now = ctx.now.getTime();
    const certs = cas.map((ca) => {
      const notAfter = ca.expireTime ?? ca.certNotAfter;
      return { serial: ca.serialNumber, sha1: ca.sha1Fingerprint, notAfter, daysLeft: notAfter ? Math.floor((Date.parse(notAfter) - now) / DAY_MS) : null };
    });
    const undated = certs.filter((c) => c.daysLeft === null);
    if (undated.length) return single(undecided('serverCas', 'not_assessable', 'a server CA has neither expireTime nor a readable PEM', [ref], certs));
    const expiring = certs.filter((c) => c.daysLeft! < ctx.thresholds.certExpiryWarningDays);
    return single(
      expiring.length
        ? failed('serverCas', certs, expiring.map((c) => `server CA ${c.serial ?? c.sha1} ${c.daysLeft! < 0 ? `expired on ${c.notAfter}` : `expires in ${c.daysLeft} days`}`).join('; '), [ref])
        : passed('serverCas', certs, [ref]),
    );
  },
  self(facts, ctx) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    const ref = ptr('tls', 'certificateChain');
    const chain = need(facts.tls.certificateChain, ref);
    if (!chain.ok) return chain.verdict;
    if (chain.value.length === 0) {
      return single(undecided('certificates', 'not_assessable', 'the handshake presented no certificate', [ref]));
    }
    const now = ctx.now.getTime();
    const { certExpiryWarningDays, certMaxLifetimeDays } = ctx.thresholds;
    const certs = chain.value.map((cert, index) => ({
      role: index === 0 ? 'leaf' : 'ca',
      subject: cert.subject,
      notAfter: cert.notAfter,
      daysLeft: Math.floor((Date.parse(cert.notAfter) - now) / DAY_MS),
      ageDays: Math.floor((now - Date.parse(cert.notBefore)) / DAY_MS),
    }));
    const problems = certs.flatMap((c) => [
      ...(c.daysLeft < 0 ? [`${c.role} ${c.subject} expired on ${c.notAfter}`] : c.daysLeft < certExpiryWarningDays ? [`${c.role} ${c.subject} expires in ${c.daysLeft} days`] : []),
      ...(c.role === 'leaf' && c.ageDays > certMaxLifetimeDays ? [`leaf issued ${c.ageDays} days ago`] : []),
    ]);
    const observed = certs.map(({ role, subject, notAfter, daysLeft }) => ({ role, subject, notAfter, daysLeft }));
    return single(problems.length ? failed('certificates', observed, problems.join('; '), [ref]) : passed('certificates', observed, [ref]));
  },
});
