import { expect } from 'vitest';
import type { SelfHostedFacts, TlsVersion } from '@/lib/facts/self-hosted';
import { controlCases } from './cases';
import { configOf, iso, missing, ok } from './fixtures';

const DAY = 86_400_000;
const tlsOff = (f: SelfHostedFacts) => {
  configOf(f)['tls-port'] = '0';
  configOf(f).port = '6379';
};
const handshake = (f: SelfHostedFacts, version: TlsVersion, result: 'accepted' | 'refused' | 'not_tested', cipher?: string) =>
  (f.tls.handshakes[version] = ok({
    result,
    negotiatedVersion: result === 'accepted' ? version : null,
    cipher: cipher ? { name: cipher, standardName: null } : null,
    detail: null,
  }));

controlCases('RED-TLS-001', [
  { name: 'tls-port set and handshake completes: pass', status: 'pass' },
  { name: 'tls-port 0: fail', facts: tlsOff, status: 'fail', reason: /tls-port 0/ },
  {
    name: 'CONFIG denied but a handshake completed: pass',
    facts: (f) => (f.config = missing('noperm')),
    status: 'pass',
  },
  {
    name: 'CONFIG denied and no TLS port known: not_assessable',
    facts: (f) => {
      f.config = missing('noperm', 'NOPERM')
      f.tls.endpoint = null;
    },
    status: 'not_assessable',
  },
  {
    name: 'tls-port set but no version accepted: fail',
    facts: (f) => (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const).forEach((v) => handshake(f, v, 'refused')),
    status: 'fail',
    reason: /no TLS handshake completed/,
  },
  {
    name: 'handshakes timed out: error',
    facts: (f) => (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const).forEach((v) => (f.tls.handshakes[v] = missing('timeout'))),
    status: 'error',
  },
]);

controlCases('RED-TLS-002', [
  { name: 'port 0, plaintext probe unanswered: pass', status: 'pass' },
  { name: 'port 6379 beside tls-port: fail', facts: (f) => (configOf(f).port = '6379'), status: 'fail', reason: /port 6379/ },
  {
    name: 'plaintext PING answered NOAUTH: fail',
    facts: (f) => (f.plaintext = ok([{ port: 6380, listener: 'target', answered: true, reply: 'NOAUTH', detail: '-NOAUTH' }])),
    status: 'fail',
    reason: /6380 \(NOAUTH\)/,
  },
  { name: 'TLS off: not_applicable, depends on TLS-001', facts: tlsOff, status: 'not_applicable', dependsOn: 'RED-TLS-001' },
  { name: 'port 0 and no network path for the probe: pass on CONFIG', facts: (f) => (f.plaintext = missing('not_collected')), status: 'pass' },
  {
    name: 'CONFIG renamed and no probe path: not_assessable',
    facts: (f) => {
      f.config = missing('unknown_command', 'ERR unknown command CONFIG');
      f.plaintext = missing('not_collected', 'no network path');
    },
    status: 'not_assessable',
  },
]);

controlCases('RED-TLS-003', [
  { name: 'legacy refused, 1.2/1.3 accepted: pass', status: 'pass' },
  { name: 'TLSv1.1 accepted: fail', facts: (f) => handshake(f, 'TLSv1.1', 'accepted', 'ECDHE-RSA-AES128-SHA'), status: 'fail', reason: /TLSv1\.1 handshake accepted/ },
  { name: 'tls-protocols enables TLSv1: fail', facts: (f) => (configOf(f)['tls-protocols'] = 'TLSv1 TLSv1.1 TLSv1.2'), status: 'fail', reason: /enables TLSv1/ },
  {
    name: 'probe cannot offer legacy, tls-protocols lists only 1.2/1.3: pass on config',
    facts: (f) => {
      handshake(f, 'TLSv1', 'not_tested');
      handshake(f, 'TLSv1.1', 'not_tested');
    },
    status: 'pass',
  },
  {
    name: 'probe cannot offer legacy and tls-protocols empty: not_assessable (never read as refused)',
    facts: (f) => {
      handshake(f, 'TLSv1', 'not_tested');
      handshake(f, 'TLSv1.1', 'not_tested');
      configOf(f)['tls-protocols'] = '';
    },
    status: 'not_assessable',
  },
  {
    name: 'handshakes failed and CONFIG denied: error from the probe',
    facts: (f) => {
      f.tls.handshakes.TLSv1 = missing('tls_error');
      f.tls.handshakes['TLSv1.1'] = missing('tls_error');
      f.config = missing('noperm');
    },
    status: 'error',
  },
  { name: 'TLS off: not_applicable', facts: tlsOff, status: 'not_applicable', dependsOn: 'RED-TLS-001' },
]);

controlCases('RED-TLS-004', [
  { name: 'ECDHE-GCM and TLS 1.3, legacy refused, server order: pass', status: 'pass' },
  { name: 'CBC suite negotiated on TLS 1.2: fail', facts: (f) => handshake(f, 'TLSv1.2', 'accepted', 'ECDHE-RSA-AES256-SHA384'), status: 'fail', reason: /ECDHE-RSA-AES256-SHA384/ },
  {
    name: 'legacy-only offer accepted: fail',
    facts: (f) => (f.tls.legacyCipherOffer = ok({ result: 'accepted', negotiatedVersion: 'TLSv1.2', cipher: { name: 'AES128-SHA', standardName: null }, detail: null })),
    status: 'fail',
    reason: /AES128-SHA/,
  },
  { name: 'tls-prefer-server-ciphers no: fail', facts: (f) => (configOf(f)['tls-prefer-server-ciphers'] = 'no'), status: 'fail' },
  {
    name: 'legacy offer not testable: not_assessable',
    facts: (f) => (f.tls.legacyCipherOffer = ok({ result: 'not_tested', negotiatedVersion: null, cipher: null, detail: null })),
    status: 'not_assessable',
  },
  { name: 'no network path for the probe: not_assessable', facts: (f) => (f.tls.legacyCipherOffer = missing('not_collected')), status: 'not_assessable' },
  { name: 'TLS off: not_applicable', facts: tlsOff, status: 'not_applicable', dependsOn: 'RED-TLS-001' },
]);

controlCases('RED-TLS-005', [
  { name: 'tls-auth-clients yes, certificate-less handshake refused: pass', status: 'pass' },
  { name: 'tls-auth-clients optional: fail', facts: (f) => (configOf(f)['tls-auth-clients'] = 'optional'), status: 'fail', reason: /optional/ },
  {
    name: 'certificate-less handshake accepted: fail',
    facts: (f) => (f.tls.clientCertRequired = ok({ required: false, detail: 'PONG' })),
    status: 'fail',
  },
  { name: 'CONFIG denied, probe refused the certless handshake: pass', facts: (f) => (f.config = missing('noperm')), status: 'pass' },
  {
    name: 'CONFIG denied and no probe: not_assessable',
    facts: (f) => {
      f.config = missing('noperm', 'NOPERM')
      f.tls.clientCertRequired = missing('not_collected');
    },
    status: 'not_assessable',
    reason: /NOPERM/,
  },
  { name: 'TLS off: not_applicable', facts: tlsOff, status: 'not_applicable', dependsOn: 'RED-TLS-001' },
]);

controlCases('RED-TLS-006', [
  { name: 'primary with a replica and tls-replication yes: pass', status: 'pass' },
  { name: 'replicated with tls-replication no: fail', facts: (f) => (configOf(f)['tls-replication'] = 'no'), status: 'fail', reason: /tls-replication no/ },
  {
    name: 'cluster mode with tls-cluster no: fail',
    facts: (f) => {
      if (f.server.ok) f.server.value.mode = 'cluster';
    },
    status: 'fail',
    reason: /tls-cluster no/,
  },
  {
    name: 'single node without replicas: not_applicable',
    facts: (f) => {
      if (f.role.ok) f.role.value.replicas = [];
      configOf(f)['tls-replication'] = 'no';
    },
    status: 'not_applicable',
  },
  { name: 'ROLE denied: not_assessable', facts: (f) => (f.role = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-TLS-007', [
  { name: 'chain verifies and name matches: pass', status: 'pass' },
  {
    name: 'self-signed cert not from the uploaded CA: fail',
    facts: (f) => {
      if (f.tls.verification.ok) Object.assign(f.tls.verification.value, { chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    },
    status: 'fail',
    reason: /DEPTH_ZERO_SELF_SIGNED_CERT/,
  },
  {
    name: 'name not in SAN: fail',
    facts: (f) => {
      if (f.tls.verification.ok) Object.assign(f.tls.verification.value, { hostnameMatches: false, hostnameError: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    },
    status: 'fail',
    reason: /ALTNAME/,
  },
  { name: 'no CA uploaded: not_assessable', facts: (f) => (f.tls.verification = missing('not_collected', 'no CA configured')), status: 'not_assessable', reason: /no CA/ },
  { name: 'TLS off: not_applicable', facts: tlsOff, status: 'not_applicable', dependsOn: 'RED-TLS-001' },
]);

controlCases('RED-ROT-003', [
  { name: 'leaf 300 days, CA 3000 days: pass', status: 'pass' },
  {
    name: 'CA expiring in 14 days: fail',
    facts: (f) => {
      if (f.tls.certificateChain.ok) f.tls.certificateChain.value[1].notAfter = iso(14 * DAY);
    },
    status: 'fail',
    reason: /ca CN=Prod Redis CA expires in 1[34] days/,
  },
  {
    name: 'expired leaf: fail',
    facts: (f) => {
      if (f.tls.certificateChain.ok) f.tls.certificateChain.value[0].notAfter = iso(-DAY);
    },
    status: 'fail',
    reason: /expired/,
  },
  {
    name: 'leaf issued 3 years ago: fail',
    facts: (f) => {
      if (f.tls.certificateChain.ok) f.tls.certificateChain.value[0].notBefore = iso(-3 * 365 * DAY);
    },
    status: 'fail',
    reason: /issued 1095 days ago/,
  },
  { name: 'no handshake path: not_assessable', facts: (f) => (f.tls.certificateChain = missing('not_collected', 'no network path')), status: 'not_assessable' },
  { name: 'handshake failed: error', facts: (f) => (f.tls.certificateChain = missing('tls_error')), status: 'error' },
  { name: 'TLS off: not_applicable', facts: tlsOff, status: 'not_applicable', dependsOn: 'RED-TLS-001', check: (r) => expect(r.reason).toMatch(/TLS-001/) },
]);
