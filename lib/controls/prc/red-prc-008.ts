import { posix } from 'node:path';
import { defineControl } from '../define-control';
import { configRef, ptr } from '../support/facts';
import { currentAttestation } from '../support/records';
import { failed, passed, single, undecided } from '../support/verdict';
import type { HostHardeningAttestation } from '../types';
import { unaffirmed } from './support';

const ITEMS = ['diskEncryption', 'dataDirPermissions', 'privateKeysNotShared', 'shellRestricted', 'logRotation', 'egressRestricted', 'networkPolicy'] as const;

function covers(attested: string[], path: string): boolean {
  return attested.some((a) => path === a || path.startsWith(a.endsWith('/') ? a : `${a}/`));
}

export default defineControl('RED-PRC-008', {
  expected: (t) =>
    `a host-hardening attestation ≤ ${t.attestationMaxAgeDays} days old for this host (and its data and key paths when it names paths), every item affirmed: ${ITEMS.join(', ')}`,
  self(facts, ctx) {
    const values = facts.config.ok ? facts.config.value.values : null;
    const dir = values?.dir;
    // Paths only (catalog §1.6): dir, the AOF directory, the RDB file and the TLS key file.
    const paths = dir
      ? [dir, ...(values?.appenddirname ? [posix.join(dir, values.appenddirname)] : []), ...(values?.dbfilename ? [posix.join(dir, values.dbfilename)] : []), ...(values?.['tls-key-file'] ? [values['tls-key-file']] : [])]
      : null;
    const hosts = [facts.meta.host, ...(facts.meta.resolvedAddresses.ok ? facts.meta.resolvedAddresses.value : [])];
    const fits = (r: HostHardeningAttestation) =>
      (!r.scope.hosts?.length || r.scope.hosts.some((h) => hosts.includes(h))) && (!r.scope.paths?.length || (paths !== null && paths.every((p) => covers(r.scope.paths!, p))));
    const attestation = currentAttestation('hardening', ctx, 'host_hardening', fits);
    if (!attestation.found) {
      const pathSpecificOnly = paths === null && ctx.records?.attestations.some((r) => r.kind === 'host_hardening' && r.scope.paths?.length);
      if (pathSpecificOnly) {
        return single(undecided('hardening', 'not_assessable', 'CONFIG dir unavailable: cannot match the data and key paths to a path-specific attestation', [ptr('config'), configRef('dir')]));
      }
      return single(attestation.check);
    }
    const claims = attestation.record.claims;
    const missing = unaffirmed(claims, ITEMS);
    const observed = { ...Object.fromEntries(ITEMS.map((k) => [k, claims[k] ?? false])), paths, approvedAt: attestation.record.approvedAt };
    return single(missing.length ? failed('hardening', observed, `not affirmed: ${missing.join(', ')}`, [attestation.ref]) : passed('hardening', observed, [attestation.ref, ...(paths ? [configRef('dir')] : [])]));
  },
});
