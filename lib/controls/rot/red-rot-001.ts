import { defineControl } from '../define-control';
import { absentField, ecSettings, settingRef } from '../support/cloud';
import { failed, notApplicable, passed, single } from '../support/verdict';

const DAY_MS = 86_400_000;

export default defineControl('RED-ROT-001', {
  expected: { ec: (t) => `AuthTokenLastModifiedDate no older than ${t.authTokenMaxAgeDays} days when an AUTH token is enabled` },
  ec(facts, ctx) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const { AuthTokenEnabled, AuthTokenLastModifiedDate, PendingModifiedValues } = settings.value;
    if (AuthTokenEnabled !== true) return notApplicable('no AUTH token enabled (RBAC user passwords: RED-ROT-002)', [settingRef('AuthTokenEnabled')]);
    const ref = settingRef('AuthTokenLastModifiedDate');
    if (!AuthTokenLastModifiedDate) return single(absentField('tokenAge', 'AuthTokenLastModifiedDate', ref));
    const ageDays = Math.floor((ctx.now.getTime() - Date.parse(AuthTokenLastModifiedDate)) / DAY_MS);
    const observed = { lastModified: AuthTokenLastModifiedDate, ageDays, pending: PendingModifiedValues?.AuthTokenStatus ?? null };
    const max = ctx.thresholds.authTokenMaxAgeDays;
    return single(
      ageDays <= max
        ? passed('tokenAge', observed, [ref])
        : failed('tokenAge', observed, `AUTH token last modified ${ageDays} days ago (limit ${max})`, [ref, settingRef('PendingModifiedValues', 'AuthTokenStatus')]),
    );
  },
});
