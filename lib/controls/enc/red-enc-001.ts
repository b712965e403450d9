import { posix } from 'node:path';
import { defineControl } from '../define-control';
import { configRef, ptr } from '../support/facts';
import { claimCheck, currentAttestation } from '../support/records';
import { failed, passed, single, undecided } from '../support/verdict';
import { absentField, ecSettings, settingRef } from '../support/cloud';
import { passByPlatform } from '../support/platform-guarantees';
import type { HostHardeningAttestation } from '../types';

function covers(attested: string[], path: string): boolean {
  return attested.some((a) => path === a || path.startsWith(a.endsWith('/') ? a : `${a}/`));
}

export default defineControl('RED-ENC-001', {
  expected: {
    self: (t) =>
      `a host-hardening attestation younger than ${t.attestationMaxAgeDays} days states disk/filesystem encryption for the data paths (dir, appenddirname)`,
    ec: () => 'AtRestEncryptionEnabled = true',
    ecs: () => 'encryption at rest (platform guarantee: always on for serverless caches)',
    ms: () => 'encryption at rest (platform guarantee: Google default encryption)',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const enabled = settings.value.AtRestEncryptionEnabled;
    const ref = settingRef('AtRestEncryptionEnabled');
    if (enabled === null) return single(absentField('atRestEncryption', 'AtRestEncryptionEnabled', ref));
    return single(enabled ? passed('atRestEncryption', enabled, [ref]) : failed('atRestEncryption', enabled, 'AtRestEncryptionEnabled = false: data on disk and backups are not encrypted', [ref]));
  },
  ecs: (facts) => passByPlatform('ecs-at-rest-encryption', facts),
  ms: (facts) => passByPlatform('ms-default-encryption-at-rest', facts),
  self(facts, ctx) {
    // Data paths from CONFIG; a path-specific attestation must name them, a whole-host one decides alone.
    const values = facts.config.ok ? facts.config.value.values : null;
    const dir = values?.dir;
    const dataPaths = dir ? [dir, ...(values?.appenddirname ? [posix.join(dir, values.appenddirname)] : [])] : null;
    const fits = (r: HostHardeningAttestation) =>
      !r.scope.paths?.length || (dataPaths !== null && dataPaths.every((p) => covers(r.scope.paths!, p)));
    const attestation = currentAttestation('diskEncryption', ctx, 'host_hardening', fits);
    if (!attestation.found) {
      const pathSpecificOnly = dataPaths === null && ctx.records?.attestations.some((r) => r.kind === 'host_hardening' && r.scope.paths?.length);
      if (pathSpecificOnly) {
        return single(
          undecided('diskEncryption', 'not_assessable', 'CONFIG dir unavailable: cannot match the data paths to a path-specific attestation', [ptr('config'), configRef('dir')]),
        );
      }
      return single(attestation.check);
    }
    const { diskEncryption } = attestation.record.claims;
    return single(
      claimCheck(
        'diskEncryption',
        diskEncryption,
        { diskEncryption, dataPaths, approvedAt: attestation.record.approvedAt },
        'host-hardening attestation says the data paths are not encrypted',
        attestation.ref,
      ),
    );
  },
});
