import type { Collected } from '../../facts/common';
import type { FactsSnapshot } from '../context';
import { defineControl } from '../define-control';
import { missingCheck, ptr } from '../support/facts';
import { combine, failed, passed, type Check } from '../support/verdict';
import { currentRecord, onEveryPlatform, sameName, unaffirmed } from './support';

/** Enabled users that can run every command: the administrators the facts show. */
function adminUsers(facts: FactsSnapshot): { users: Collected<string[]> | null; ref: string } {
  switch (facts.platform) {
    case 'self':
      return {
        users: facts.acl.users.ok ? { ...facts.acl.users, value: facts.acl.users.value.filter((u) => u.enabled && u.allCommands).map((u) => u.name) } : facts.acl.users,
        ref: ptr('acl', 'users'),
      };
    case 'ec':
    case 'ecs': {
      const groups = facts.userGroups;
      if (!groups.ok) return { users: groups, ref: ptr('userGroups') };
      const admins = new Set<string>();
      for (const g of groups.value.groups) {
        for (const u of g.users) if (/(^|\s)on(\s|$)/.test(u.AccessString ?? '') && /\+@all\b/.test(u.AccessString ?? '')) admins.add(u.UserId);
      }
      return { users: { ...groups, value: [...admins] }, ref: ptr('userGroups') };
    }
    case 'ms':
      return { users: null, ref: ptr('instance', 'value', 'authEnabled') };
  }
}

export default defineControl('RED-PRC-007', {
  expected: (t) =>
    `administrative-access attestation ≤ ${t.attestationMaxAgeDays} days old: bastion/VPN with MFA, just-in-time or short-lived credentials (self: operator mTLS); every admin user in the facts is on the attested list`,
  ...onEveryPlatform((facts, ctx) => {
    const f = facts as FactsSnapshot;
    const attestation = currentRecord('attestation', ctx, 'admin_access', ctx.thresholds.attestationMaxAgeDays);
    if (!attestation.found) return combine([attestation.check]);
    const claims = attestation.record.claims;
    const required = f.platform === 'self' ? (['bastionOrVpn', 'mfa', 'shortLivedCredentials', 'operatorMtls'] as const) : (['bastionOrVpn', 'mfa', 'shortLivedCredentials'] as const);
    const missing = unaffirmed(claims, required);
    const checks: Check[] = [
      missing.length
        ? failed('attestation', claims, `not affirmed: ${missing.join(', ')}`, [attestation.ref])
        : passed('attestation', { ...claims, approvedAt: attestation.record.approvedAt }, [attestation.ref]),
    ];
    const { users, ref } = adminUsers(f);
    if (users === null) checks.push(passed('adminUsers', 'no per-user credentials on this platform', [ref]));
    else if (!users.ok) checks.push(missingCheck('adminUsers', users, ref));
    else {
      const unlisted = users.value.filter((u) => !claims.adminUsers.some((a) => sameName(a, u)));
      checks.push(
        unlisted.length
          ? failed('adminUsers', { found: users.value, attested: claims.adminUsers }, `admin users not on the attested list: ${unlisted.join(', ')}`, [ref, attestation.ref])
          : passed('adminUsers', { found: users.value, attested: claims.adminUsers }, [ref, attestation.ref]),
      );
    }
    return combine(checks);
  }),
});
