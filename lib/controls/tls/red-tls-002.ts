import { defineControl } from '../define-control';
import { configCheck, missingCheck, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { combine, failed, passed, type Check } from '../support/verdict';

export default defineControl('RED-TLS-002', {
  expected: () => 'port 0 (no plaintext listener) and no plaintext PING to any known listener answered',
  self(facts) {
    const tlsOff = whenTlsOff(facts);
    if (tlsOff) return tlsOff;
    const port = configCheck('port', facts.config, 'port', (value, ref) =>
      value.trim() === '0'
        ? passed('port', value, [ref])
        : failed('port', value, `plaintext listener on port ${value} (even if a firewall hides it)`, [ref]),
    );
    const checks: Check[] = [port];
    const ref = ptr('plaintext');
    if (facts.plaintext.ok) {
      const answered = facts.plaintext.value.filter((p) => p.answered).map((p) => ({ port: p.port, reply: p.reply }));
      checks.push(
        answered.length
          ? failed('plaintextProbe', answered, `plaintext PING answered on ${answered.map((a) => `${a.port} (${a.reply})`).join(', ')}`, [ref])
          : passed('plaintextProbe', facts.plaintext.value.map((p) => ({ port: p.port, reply: p.reply })), [ref]),
      );
    } else if (port.outcome !== 'pass' && port.outcome !== 'fail') {
      // The probe is supplementary evidence (it needs a network path); it only matters when CONFIG is missing.
      checks.push(missingCheck('plaintextProbe', facts.plaintext, ref));
    }
    return combine(checks);
  },
});
