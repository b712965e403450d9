// TLS facts from real handshakes (node:tls): one per protocol version with minVersion = maxVersion
// and `DEFAULT:@SECLEVEL=0` (a default client would report "legacy refused" where the server would
// accept it — FACTS.md), a legacy-suite offer, the certificate chain, verification against the
// configured CA, and whether a certificate-less client is refused.

import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { Collected } from '@/lib/facts/common';
import {
  TLS_VERSIONS,
  type CertificateInfo,
  type TlsFacts,
  type TlsHandshakeResult,
  type TlsVerification,
  type TlsVersion,
} from '@/lib/facts/self-hosted';
import { notCollected } from './outcome';
import { tlsPing } from './resp-ping';
import { baseTlsOptions, type ProbeTarget } from './target';
import { withSecureContext } from './secure-contexts';

/** TLS 1.2 suites a modern server must refuse: CBC, static RSA key exchange, 3DES, RC4. */
export const LEGACY_TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA',
  'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-ECDSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA384',
  'AES128-SHA', 'AES256-SHA', 'AES128-SHA256', 'AES256-SHA256', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384',
  'DES-CBC3-SHA', 'RC4-SHA', 'RC4-MD5',
].join(':') + ':@SECLEVEL=0';

/** Errors raised by our own TLS library before anything was sent: the version was not tested. */
const LOCAL_CODES = new Set(['ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'ERR_TLS_INVALID_PROTOCOL_VERSION', 'ERR_TLS_PROTOCOL_VERSION_CONFLICT', 'ERR_SSL_NO_CIPHERS_AVAILABLE', 'ERR_SSL_NO_CIPHER_MATCH']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface HandshakeOutcome {
  result: Collected<TlsHandshakeResult>;
  socket?: tls.TLSSocket;
}

/** One handshake. The socket is returned open on success (caller destroys it). */
function handshake(options: tls.ConnectionOptions, label: string, timeoutMs: number): Promise<HandshakeOutcome> {
  const source = `tls handshake ${options.host}:${options.port} ${label}`;
  return new Promise((resolve) => {
    let settled = false;
    let tcpConnected = false;
    let socket: tls.TLSSocket;
    const settle = (outcome: HandshakeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!outcome.socket) socket?.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ result: { ok: false, outcome: 'timeout', reason: `no handshake within ${timeoutMs} ms`, source } }), timeoutMs);
    const refusedOrUntested = (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'ERROR';
      const detail = `${code}: ${err.message.split('\n')[0].slice(0, 160)}`;
      if (LOCAL_CODES.has(code)) {
        settle({ result: { ok: true, source, value: { result: 'not_tested', negotiatedVersion: null, cipher: null, detail } } });
      } else if (!tcpConnected && NETWORK_CODES.has(code)) {
        settle({ result: { ok: false, outcome: 'refused', reason: detail, source } });
      } else {
        settle({ result: { ok: true, source, value: { result: 'refused', negotiatedVersion: null, cipher: null, detail } } });
      }
    };
    try {
      socket = tls.connect(withSecureContext(options));
    } catch (err) {
      refusedOrUntested(err as NodeJS.ErrnoException);
      return;
    }
    socket.once('connect', () => (tcpConnected = true));
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      settle({
        socket,
        result: {
          ok: true,
          source,
          value: {
            result: 'accepted',
            negotiatedVersion: socket.getProtocol(),
            cipher: cipher ? { name: cipher.name, standardName: cipher.standardName ?? null } : null,
            detail: null,
          },
        },
      });
    });
    socket.once('error', refusedOrUntested);
    socket.once('close', () => settle({ result: { ok: true, source, value: { result: 'refused', negotiatedVersion: null, cipher: null, detail: 'connection closed during handshake' } } }));
  });
}

function toIso(date: string): string {
  return new Date(date).toISOString();
}

function certificateInfo(peer: tls.DetailedPeerCertificate): CertificateInfo {
  const x509 = new X509Certificate(peer.raw);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const curveBits: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
  const keyBits = details.modulusLength ?? (details.namedCurve ? curveBits[details.namedCurve] ?? null : null) ?? (peer.bits || null);
  return {
    subject: x509.subject.replace(/\n/g, ', '),
    issuer: x509.issuer.replace(/\n/g, ', '),
    serialNumber: x509.serialNumber,
    notBefore: toIso(x509.validFrom),
    notAfter: toIso(x509.validTo),
    keyType: key.asymmetricKeyType ? key.asymmetricKeyType.toUpperCase().replace('ED25519', 'Ed25519') : null,
    keyBits,
    subjectAltNames: x509.subjectAltName ? x509.subjectAltName.split(/,\s*/) : [],
    fingerprint256: x509.fingerprint256,
    isCA: x509.ca,
    selfSigned: x509.subject === x509.issuer && x509.checkIssued(x509),
  };
}

/** The chain, leaf first, following issuerCertificate links (presented or from the CA) to a root. */
export function chainOf(leaf: tls.DetailedPeerCertificate): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  let cert = leaf;
  const seen = new Set<string>();
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(certificateInfo(cert));
    cert = cert.issuerCertificate;
  }
  return chain;
}

export function pemFingerprints(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b).fingerprint256);
}

export interface TlsProbeOptions {
  timeoutMs: number;
}

/** All TLS facts for one TLS listener. `endpoint` null → every fact is not_collected. */
export async function probeTls(target: ProbeTarget, endpoint: { host: string; port: number } | null, options: TlsProbeOptions): Promise<TlsFacts> {
  if (!endpoint) {
    const none = notCollected('tls', 'no TLS listener known (plain URL and CONFIG tls-port unavailable or 0)');
    return {
      endpoint: null,
      handshakes: Object.fromEntries(TLS_VERSIONS.map((v) => [v, none])) as Record<TlsVersion, Collected<TlsHandshakeResult>>,
      legacyCipherOffer: none,
      certificateChain: none,
      verification: none,
      clientCertRequired: none,
    };
  }
  const base = baseTlsOptions({ ...target, ...endpoint });
  const { timeoutMs } = options;

  // Each version handshake carries the configured CA, so the accepted one also yields the chain and
  // its verification without another connection.
  const versionRuns = TLS_VERSIONS.map((version) =>
    handshake({ ...base, minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' }, version, timeoutMs),
  );
  const legacyRun = handshake({ ...base, ca: undefined, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: LEGACY_TLS12_CIPHERS }, 'TLSv1.2 legacy suites', timeoutMs);
  const noCertRun = tlsPing({ ...base, ca: undefined, cert: undefined, key: undefined, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, timeoutMs);

  const [versions, legacy, noCert] = await Promise.all([Promise.all(versionRuns), legacyRun, noCertRun]);
  legacy.socket?.destroy();

  const handshakes = Object.fromEntries(TLS_VERSIONS.map((v, i) => [v, versions[i].result])) as Record<TlsVersion, Collected<TlsHandshakeResult>>;
  // The newest accepted version carries the chain and the verification facts.
  const newest = [...versions].reverse().find((v) => v.socket);
  const newestVersion = newest ? TLS_VERSIONS[versions.indexOf(newest)] : null;
  const verifySource = `tls handshake ${endpoint.host}:${endpoint.port} ${newestVersion ?? '(none accepted)'} with configured CA`;
  let certificateChain: Collected<CertificateInfo[]>;
  let verification: Collected<TlsVerification>;
  if (newest?.socket) {
    const socket = newest.socket;
    const leaf = socket.getPeerCertificate(true);
    certificateChain = { ok: true, value: chainOf(leaf), source: verifySource };
    if (target.ca) {
      const hostname = target.servername ?? target.host;
      const identityError = tls.checkServerIdentity(hostname, leaf);
      const authError = socket.authorizationError as unknown;
      verification = {
        ok: true,
        source: verifySource,
        value: {
          chainVerified: socket.authorized,
          chainError: socket.authorized ? null : String((authError as Error)?.message ?? authError ?? 'unverified'),
          hostname,
          hostnameMatches: identityError === undefined,
          hostnameError: identityError ? identityError.message.slice(0, 200) : null,
          caFingerprints256: pemFingerprints(target.ca),
        },
      };
    } else {
      verification = notCollected(verifySource, 'no CA configured for this target: the server identity cannot be verified');
    }
  } else {
    const first = versions.find((v) => !v.result.ok)?.result;
    const failed = first && !first.ok ? first : notCollected(verifySource, 'no TLS version was accepted: no certificate to read', 'tls_error');
    certificateChain = failed;
    verification = target.ca ? failed : notCollected(verifySource, 'no CA configured for this target: the server identity cannot be verified');
  }
  for (const v of versions) v.socket?.destroy();

  const noCertSource = `tls ${endpoint.host}:${endpoint.port} without client certificate + PING`;
  let clientCertRequired: Collected<{ required: boolean; detail: string }>;
  if (noCert.connectError && (NETWORK_CODES.has(noCert.connectError.code) || noCert.connectError.code === 'ETIMEDOUT')) {
    const outcome = noCert.connectError.code === 'ETIMEDOUT' ? 'timeout' : 'refused';
    clientCertRequired = { ok: false, outcome, reason: noCert.detail, source: noCertSource };
  }
  else if (noCert.reply === 'NO_REPLY') clientCertRequired = { ok: true, source: noCertSource, value: { required: true, detail: noCert.detail } };
  else clientCertRequired = { ok: true, source: noCertSource, value: { required: false, detail: `answered ${noCert.reply} without a client certificate` } };

  return { endpoint, handshakes, legacyCipherOffer: legacy.result, certificateChain, verification, clientCertRequired };
}
