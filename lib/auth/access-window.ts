// Whether an account may act right now: not disabled, and inside its access window
// (auditors always have one; other roles may).
export interface AccountState {
  role: string;
  disabled: boolean;
  validFrom: Date | null;
  validUntil: Date | null;
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

export function accessDecision(account: AccountState, now = new Date()): AccessDecision {
  if (account.disabled) return { allowed: false, reason: 'This account is disabled. Ask an administrator to re-enable it.' };
  if (account.role === 'auditor' && !account.validUntil) {
    return { allowed: false, reason: 'Auditor accounts need an access window. Ask an administrator to set one.' };
  }
  if (account.validFrom && now < account.validFrom) {
    return { allowed: false, reason: `Access starts ${account.validFrom.toISOString()}.` };
  }
  if (account.validUntil && now > account.validUntil) {
    return { allowed: false, reason: `Access ended ${account.validUntil.toISOString()}. Ask an administrator to extend the access window.` };
  }
  return { allowed: true };
}
