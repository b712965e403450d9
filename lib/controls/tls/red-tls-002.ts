import { defineControl } from '../define-control';
import { configCheck, missingCheck, ptr } from '../support/facts';
import { whenTlsOff } from '../support/tls';
import { absentField, ecSettings, settingRef, whenCloudTlsOff } from '../support/cloud';
import { passByPlatform } from '../support/platform-guarantees';
import { combine, failed, passed, single, type Check } from '../support/verdict';

export default defineControl('RED-TLS-002', {
  expected: {
    self: () => 'port 0 (no plaintext listener) and no plaintext PING to any known listener answered',
    ec: () => 'TransitEncryptionMode = required (preferred still accepts plaintext)',
    ecs: () => 'plaintext refused (platform guarantee: TLS-only endpoints)',
    ms: () => 'plaintext refused (platform guarantee once transitEncryptionMode = SERVER_AUTHENTICATION)',
  },
  ec(facts) {
    const tlsOff = whenCloudTlsOff(facts);
    if (tlsOff) return tlsOff;
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const mode = settings.value.TransitEncryptionMode;
    const pending = settings.value.PendingModifiedValues?.TransitEncryptionMode ?? null;
    const ref = settingRef('TransitEncryptionMode');
    const refs = [ref, settingRef('PendingModifiedValues', 'TransitEncryptionMode')];
    const observed = { TransitEncryptionMode: mode, pending };
    if (mode === 'required') return single(passed('transitEncryptionMode', observed, refs));
    if (mode === null) return single(absentField('transitEncryptionMode', 'TransitEncryptionMode', ref));
    const why = mode === 'preferred' ? 'TLS is on but plaintext connections are still accepted' : 'plaintext is not refused';
    return single(failed('transitEncryptionMode', observed, `TransitEncryptionMode ${mode}: ${why}${pending ? ` (pending change to ${pending})` : ''}`, refs));
  },
  ecs: (facts) => passByPlatform('ecs-tls-only-endpoints', facts),
  ms: (facts) => whenCloudTlsOff(facts) ?? passByPlatform('ms-tls-only-clients', facts, [ptr('instance', 'value', 'transitEncryptionMode')]),
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
