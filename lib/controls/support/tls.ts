// Whether TLS is on for a self-hosted endpoint. TLS-002…007 and ROT-003 report the root cause once:
// when TLS is off they are not_applicable with `dependsOn: RED-TLS-001` (catalog §3.3).

import type { SelfHostedFacts } from '../../facts/self-hosted';
import { configRef } from './facts';
import { notApplicable, type Verdict } from './verdict';

export type TlsState = 'on' | 'off' | 'unknown';

/** From `CONFIG GET tls-port` when readable, else from a completed handshake on the known listener. */
export function tlsState(facts: SelfHostedFacts): TlsState {
  if (facts.config.ok) {
    const tlsPort = facts.config.value.values['tls-port'];
    if (tlsPort !== undefined) return tlsPort.trim() === '0' ? 'off' : 'on';
  }
  const accepted = Object.values(facts.tls.handshakes).some((h) => h.ok && h.value.result === 'accepted');
  return accepted ? 'on' : 'unknown';
}

/** The not_applicable verdict when TLS is off, else null (the control decides). */
export function whenTlsOff(facts: SelfHostedFacts): Verdict | null {
  if (tlsState(facts) !== 'off') return null;
  return notApplicable('TLS is off (tls-port 0): reported once by RED-TLS-001', [configRef('tls-port')], 'RED-TLS-001');
}
