import { expect } from 'vitest';
import { controlCases } from './cases';
import { asSelf, configOf, missing, ok } from './fixtures';

controlCases('RED-NET-001', [
  { name: 'private bind, protected mode, private endpoint: pass', status: 'pass' },
  { name: 'optional IPv6 loopback (-::1) is fine', facts: (f) => (configOf(f).bind = '10.0.1.5 -::1'), status: 'pass' },
  { name: 'bind 0.0.0.0 fails', facts: (f) => (configOf(f).bind = '0.0.0.0'), status: 'fail', reason: /0\.0\.0\.0/ },
  { name: 'bind * -::* fails', facts: (f) => (configOf(f).bind = '* -::*'), status: 'fail', reason: /\*/ },
  { name: 'public bind address fails', facts: (f) => (configOf(f).bind = '203.0.113.7'), status: 'fail', reason: /203\.0\.113\.7/ },
  { name: 'empty bind listens everywhere: fail', facts: (f) => (configOf(f).bind = ''), status: 'fail', reason: /every interface/ },
  { name: 'protected-mode no fails', facts: (f) => (configOf(f)['protected-mode'] = 'no'), status: 'fail', reason: /protected-mode no/ },
  {
    name: 'endpoint resolving to a public address fails',
    facts: (f) => (f.meta.resolvedAddresses = ok(['10.0.1.5', '198.51.100.4'])),
    status: 'fail',
    reason: /198\.51\.100\.4/,
  },
  { name: 'CONFIG NOPERM: not_assessable', facts: (f) => (f.config = missing('noperm', 'NOPERM config|get')), status: 'not_assessable', reason: /NOPERM/ },
  { name: 'CONFIG renamed: not_assessable', facts: (f) => (f.config = missing('unknown_command')), status: 'not_assessable', reason: /unknown_command/ },
  {
    name: 'a violation still fails when another fact is missing',
    facts: (f) => {
      configOf(f)['protected-mode'] = 'no';
      f.meta.resolvedAddresses = missing('timeout');
    },
    status: 'fail',
  },
  { name: 'DNS timeout: error', facts: (f) => (f.meta.resolvedAddresses = missing('timeout')), status: 'error', reason: /timeout/ },
]);

controlCases('RED-NET-004', [
  { name: 'attested egress allowlist: pass', status: 'pass' },
  {
    name: 'attestation says egress open: fail',
    ctx: (c) => {
      const hh = c.records!.attestations.find((a) => a.kind === 'host_hardening')!;
      if (hh.kind === 'host_hardening') hh.claims.egressRestricted = false;
    },
    status: 'fail',
    reason: /not restricted/,
  },
  {
    name: 'attestation older than attestationMaxAgeDays: fail',
    ctx: (c) => (c.records!.attestations.find((a) => a.kind === 'host_hardening')!.approvedAt = '2024-01-01T00:00:00Z'),
    status: 'fail',
    reason: /no current host-hardening attestation/,
  },
  {
    name: 'expired attestation: fail',
    ctx: (c) => (c.records!.attestations.find((a) => a.kind === 'host_hardening')!.expiresAt = '2026-05-01T00:00:00Z'),
    status: 'fail',
  },
  {
    name: 'no record on file: fail',
    ctx: (c) => (c.records!.attestations = c.records!.attestations.filter((a) => a.kind !== 'host_hardening')),
    status: 'fail',
    reason: /no host-hardening attestation on file/,
  },
  { name: 'no record store supplied: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable', reason: /no attestation record on file/ },
]);

controlCases('RED-NET-005', [
  { name: 'TLS on 6380 and plaintext off: pass', status: 'pass' },
  { name: 'plaintext on 6379: fail', facts: (f) => (configOf(f).port = '6379'), status: 'fail', reason: /port on the default port/ },
  { name: 'TLS on 6379: fail', facts: (f) => (configOf(f)['tls-port'] = '6379'), status: 'fail', reason: /tls-port/ },
  { name: 'CONFIG refused connection: error', facts: (f) => (f.config = missing('refused')), status: 'error' },
  { name: 'tls-port unknown on this server: not_assessable', facts: (f) => delete configOf(f)['tls-port'], status: 'not_assessable', reason: /tls-port/ },
]);

controlCases('RED-NET-006', [
  { name: 'separate network, passwords and CA: pass', status: 'pass', check: (r) => expect(r.observed).toMatchObject({ comparedWith: 1 }) },
  {
    name: 'same network label as staging: fail',
    ctx: (c) => (c.fleet![0].instance!.networkLabel = 'prod-vpc'),
    status: 'fail',
    reason: /network prod-vpc with redis-staging-1/,
  },
  {
    name: 'same ACL password as staging: fail',
    ctx: (c) => {
      const users = asSelf(c.fleet![0].facts).acl.users;
      if (users.ok) users.value[1].passwords.fingerprints = ['fp-app'];
    },
    status: 'fail',
    reason: /password/,
  },
  {
    name: 'same CA as staging: fail',
    ctx: (c) => {
      const v = asSelf(c.fleet![0].facts).tls.verification;
      if (v.ok) v.value.caFingerprints256 = ['CA:PROD'];
    },
    status: 'fail',
    reason: /certificate authority/,
  },
  {
    name: 'evaluated from the staging side as well: fail',
    ctx: (c) => {
      c.instance = { id: 'redis-staging-2', environment: 'staging', networkLabel: 'prod-vpc' };
      c.fleet = [{ instanceId: 'redis-prod-1', instance: { environment: 'prod', networkLabel: 'prod-vpc' }, facts: c.fleet![0].facts }];
    },
    status: 'fail',
    reason: /redis-prod-1/,
  },
  { name: 'environment unknown: not_assessable', ctx: (c) => (c.instance = { id: 'x' }), status: 'not_assessable', reason: /INV-001/ },
  { name: 'environment from a tag (case-insensitive key)', ctx: (c) => (c.instance = { id: 'x', tags: { ENV: 'prod' }, networkLabel: 'prod-vpc' }), status: 'pass' },
  { name: 'no fleet supplied: not_assessable', ctx: (c) => delete c.fleet, status: 'not_assessable', reason: /fleet/ },
  {
    name: 'nothing comparable: not_assessable',
    ctx: (c) => {
      c.instance!.networkLabel = undefined;
      const other = asSelf(c.fleet![0].facts);
      other.acl.users = missing('noperm');
      other.config = missing('noperm');
      other.tls.certificateChain = missing('not_collected');
      other.tls.verification = missing('not_collected');
    },
    status: 'not_assessable',
    reason: /comparable/,
  },
]);
