import net from 'node:net';
import type { SentinelConfig } from './sentinel';

/** Where and how the probe connects. Credentials live only in memory for the probe's duration. */
export interface ProbeTarget {
  host: string;
  port: number;
  /** `rediss://`: the target port speaks TLS. */
  tls: boolean;
  username?: string;
  password?: string;
  /** PEM text of the CA bundle that should have issued the server certificate. */
  ca?: string;
  /** PEM text of a client certificate and key (mTLS). */
  cert?: string;
  key?: string;
  /** Name checked against the certificate (default: host). */
  servername?: string;
  /**
   * The name CONFIG was renamed to (`rename-command CONFIG <name>`), so that CONFIG GET can still be
   * read (catalog CFG-006). Only the verb is replaced; the allowlist still applies to CONFIG GET.
   */
  configCommand?: string;
  /** Sentinels the inventory says monitor this primary (RED-AVL-001); TLS material is shared. */
  sentinels?: SentinelConfig;
  /** Replicas the inventory knows for this primary: the keyspace audit reads one of them (catalog §5.2). */
  replicas?: { host: string; port: number }[];
}

/** TLS options shared by every connection the probe makes to one target. */
export function baseTlsOptions(target: ProbeTarget, withClientCert = true) {
  const name = target.servername ?? target.host;
  return {
    host: target.host,
    port: target.port,
    // SNI must not be an IP address (RFC 6066); Node warns if it is.
    servername: net.isIP(name) ? undefined : name,
    ca: target.ca,
    cert: withClientCert ? target.cert : undefined,
    key: withClientCert ? target.key : undefined,
    // Expired or unverifiable servers must still be assessed; verification is a recorded fact.
    rejectUnauthorized: false,
  };
}

/** `rediss://host:port` — the target as shown in evidence (never credentials). */
export function redactedTarget(target: ProbeTarget): string {
  const host = net.isIPv6(target.host) ? `[${target.host}]` : target.host;
  return `${target.tls ? 'rediss' : 'redis'}://${host}:${target.port}`;
}

/** How the snapshot describes the target it is about (never credentials). */
export function targetIdentity(target: ProbeTarget) {
  return {
    target: redactedTarget(target),
    host: target.host,
    port: target.port,
    tls: target.tls,
    scannerUser: target.username ?? null,
    caConfigured: Boolean(target.ca),
    clientCertConfigured: Boolean(target.cert),
  };
}
