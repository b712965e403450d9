import { defineControl } from '../define-control';
import { need, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { failed, passed, single, undecided } from '../support/verdict';

const DAY_MS = 86_400_000;

export default defineControl('RED-ROT-003', {
  expected: (t) => `every certificate valid ≥ ${t.certExpiryWarningDays} more days; leaf issued ≤ ${t.certMaxLifetimeDays} days ago`,
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
