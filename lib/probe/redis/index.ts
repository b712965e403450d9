// The self-hosted Redis/Valkey probe: collects a SelfHostedFacts snapshot and decides nothing.
// Every step is bounded by a timeout and turns failures into recorded outcomes; only allowlisted,
// read-only commands are sent (allowlist.ts); secrets are fingerprinted before the snapshot exists.

import { execFile } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { promisify } from 'node:util';
import type { Collected, CollectedMissing, KeyspaceAudit, ProbeInfo } from '@/lib/facts/common';
import type { PlaintextProbe, ScannerAuth, SelfHostedFacts, UnauthenticatedPing } from '@/lib/facts/self-hosted';
import { ProbeClient } from './client';
import { collect, derive } from './collect';
import { collectAclDryRun, collectAclLog, collectAclUsers } from './collect-acl';
import { collectConfig } from './collect-config';
import { persistenceFacts, serverIdentity } from './collect-info';
import { collectClients, collectClock, collectCommandPresence, collectRole, collectSlowlogLen } from './collect-misc';
import { Fingerprinter } from './fingerprint';
import { classifyError, missing, notCollected } from './outcome';
import { parseCommandStats, parseInfo } from './parse-info';
import { plainPing, tlsPing, type RawPingResult } from './resp-ping';
import { baseTlsOptions, redactedTarget, targetIdentity, type ProbeTarget } from './target';
import { probeTls } from './tls-probe';
import { auditKeyspace, type KeyspaceAuditOptions } from './keyspace';
import { probeSentinels } from './sentinel';

export type { ProbeTarget } from './target';
export { redactedTarget, targetIdentity } from './target';
export type { KeyspaceAuditOptions, KeyspaceProgress } from './keyspace';
export type { SentinelConfig, SentinelEndpoint } from './sentinel';

export const PROBE_INFO: ProbeInfo = { name: 'redis-compliance-probe', version: '0.1.0' };

export interface ProbeOptions {
  /** HMAC key for secret fingerprints (the app's secret, or the CLI's per-run/env key). */
  fingerprintKey: string | Buffer;
  /** Timeout of each connection and command, ms (default 5000). */
  stepTimeoutMs?: number;
  /** Run the keyspace audit (catalog §5) with these settings; absent = `disabled`. */
  keyspace?: KeyspaceAuditOptions;
  /** Why the keyspace audit is off, when it is (recorded as the fact's reason). */
  keyspaceDisabledReason?: string;
}

const run = promisify(execFile);

let clockSyncCache: { at: number; fact: Promise<Collected<boolean>> } | null = null;

/** The probe host's NTP status, asked at most once a minute (a process spawn per target is waste). */
function probeClockSynchronized(): Promise<Collected<boolean>> {
  if (!clockSyncCache || Date.now() - clockSyncCache.at > 60_000) clockSyncCache = { at: Date.now(), fact: readClockSynchronized() };
  return clockSyncCache.fact;
}

async function readClockSynchronized(): Promise<Collected<boolean>> {
  const source = 'timedatectl show -p NTPSynchronized';
  try {
    const { stdout } = await run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { timeout: 2000 });
    const value = stdout.trim();
    if (value !== 'yes' && value !== 'no') return notCollected(source, `unexpected answer "${value.slice(0, 20)}"`, 'unparseable');
    return { ok: true, value: value === 'yes', source };
  } catch {
    return notCollected(source, 'the probe host does not report its NTP synchronization status');
  }
}

async function resolveAddresses(host: string): Promise<Collected<string[]>> {
  const source = `dns lookup ${host}`;
  if (net.isIP(host)) return { ok: true, value: [host], source: 'literal address' };
  try {
    const addresses = await lookup(host, { all: true });
    return { ok: true, value: addresses.map((a) => a.address), source };
  } catch (err) {
    return missing(source, err);
  }
}

/** Scanner session: connect, then AUTH (or a PING when no credentials are configured). */
async function openSession(target: ProbeTarget, timeoutMs: number): Promise<{ client: ProbeClient | null; auth: Collected<ScannerAuth> }> {
  const source = target.password ? `AUTH ${target.username ?? '(requirepass)'}` : 'PING (no credentials configured)';
  let client: ProbeClient;
  try {
    client = await ProbeClient.connect(target, timeoutMs);
  } catch (err) {
    const failure = missing(`connect ${redactedTarget(target)}`, err);
    // A plaintext listener never answers a ClientHello: the handshake just times out.
    if (target.tls && failure.outcome === 'timeout') failure.reason += ' (no TLS handshake: is this a plaintext port? use redis://)';
    return { client: null, auth: failure };
  }
  try {
    if (target.password) {
      if (target.username) await client.call('AUTH', target.username, target.password);
      else await client.call('AUTH', target.password);
    } else {
      await client.call('PING');
    }
    return { client, auth: { ok: true, source, value: { authenticated: true, method: target.password ? 'password' : 'none', user: target.username ?? null } } };
  } catch (err) {
    const failure = classifyError(err);
    // A TLS-only listener drops a plaintext command without a reply.
    if (!target.tls && failure.outcome === 'refused') failure.reason += ' (closed without a reply: is this a TLS port? use rediss://)';
    if (failure.outcome === 'noauth' && !target.password) failure.reason = 'the server requires authentication and no scanner credentials are configured';
    if (failure.outcome === 'noauth' && target.password) failure.reason = `scanner credentials refused: ${failure.reason.slice(0, 120)}`;
    return { client, auth: { ok: false, source, ...failure } };
  }
}

function pingFact(result: RawPingResult, transport: 'tls' | 'plain', source: string): Collected<UnauthenticatedPing> {
  if (result.connectError) {
    const outcome = result.connectError.code === 'ETIMEDOUT' ? 'timeout' : /SSL|TLS/.test(result.connectError.code) ? 'tls_error' : 'refused';
    return { ok: false, outcome, reason: result.detail, source };
  }
  return { ok: true, source, value: { reply: result.reply, detail: result.detail, transport } };
}

/** Plain PING to every known listener (TLS-002): any RESP reply means plaintext is accepted. */
async function probePlaintext(target: ProbeTarget, config: SelfHostedFacts['config'], timeoutMs: number): Promise<Collected<PlaintextProbe[]>> {
  const listeners: { port: number; listener: PlaintextProbe['listener'] }[] = [{ port: target.port, listener: 'target' }];
  if (config.ok) {
    const add = (value: string | undefined, listener: PlaintextProbe['listener']) => {
      const port = Number(value);
      if (port > 0 && !listeners.some((l) => l.port === port)) listeners.push({ port, listener });
    };
    add(config.value.values.port, 'port');
    add(config.value.values['tls-port'], 'tls-port');
  }
  const source = `plain PING to ${listeners.map((l) => l.port).join(', ')}`;
  const results = await Promise.all(listeners.map((l) => plainPing(target.host, l.port, timeoutMs)));
  if (results.every((r) => r.connectError && r.connectError.code !== 'ECONNREFUSED')) {
    return { ok: false, outcome: results[0].connectError!.code === 'ETIMEDOUT' ? 'timeout' : 'refused', reason: results[0].detail, source };
  }
  return {
    ok: true,
    source,
    value: listeners.map((l, i) => ({
      ...l,
      answered: results[i].reply !== 'NO_REPLY',
      reply: results[i].reply,
      detail: results[i].detail,
    })),
  };
}

function tlsEndpoint(target: ProbeTarget, config: SelfHostedFacts['config']): { host: string; port: number } | null {
  if (target.tls) return { host: target.host, port: target.port };
  const tlsPort = config.ok ? Number(config.value.values['tls-port']) : 0;
  return tlsPort > 0 ? { host: target.host, port: tlsPort } : null;
}

function mergeCounts(...tallies: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tally of tallies) for (const [verb, n] of Object.entries(tally)) out[verb] = (out[verb] ?? 0) + n;
  return out;
}

/** Collects the facts snapshot of one self-hosted endpoint. Never throws for server-side problems. */
export async function probeRedis(target: ProbeTarget, options: ProbeOptions): Promise<SelfHostedFacts> {
  const collectedAt = new Date().toISOString();
  const timeoutMs = options.stepTimeoutMs ?? 5000;
  const fp = new Fingerprinter(options.fingerprintKey);

  const [resolvedAddresses, clockSync, session] = await Promise.all([
    resolveAddresses(target.host),
    probeClockSynchronized(),
    openSession(target, timeoutMs),
  ]);
  const { client, auth } = session;
  const usable = auth.ok ? client : null;
  const unavailable = (source: string): CollectedMissing => {
    const why = auth as CollectedMissing;
    return { ok: false, outcome: why.outcome, reason: `no scanner session: ${why.reason}`, source };
  };
  const step = <T>(source: string, fn: (c: ProbeClient) => Promise<T>): Promise<Collected<T>> =>
    usable ? collect(source, () => fn(usable)) : Promise.resolve(unavailable(source));

  try {
    const infoRun = step('INFO everything', async (c) => parseInfo(String(await c.call('INFO', 'everything'))));
    const usersRun = step('ACL LIST + ACL GETUSER', (c) => collectAclUsers(c, fp));
    const [info, config, users, aclLog, slowlog, commands, clock, clients] = await Promise.all([
      infoRun,
      step('CONFIG GET (fixed list)', (c) => collectConfig(c, fp)),
      usersRun,
      step('ACL LOG 128', collectAclLog),
      step('SLOWLOG LEN', collectSlowlogLen),
      step('COMMAND INFO (high-risk commands)', collectCommandPresence),
      step('TIME', collectClock),
      step('CLIENT LIST', collectClients),
    ]);
    const role = await step('ROLE + INFO replication', (c) => collectRole(c, info.ok ? info.value : null));
    const dryRun = users.ok ? await step('ACL DRYRUN', (c) => collectAclDryRun(c, users.value)) : derive(users, 'ACL DRYRUN', () => []);

    const endpoint = tlsEndpoint(target, config);
    const sentinelSent: Record<string, number> = {};
    // The keyspace audit opens its own connection (a replica when one is known): its commands count too.
    const keyspaceSent: Record<string, number> = {};
    const unauthSource = `PING without credentials to ${redactedTarget(target)}`;
    const [tls, plaintext, unauthenticatedPing, keyspace, sentinel] = await Promise.all([
      probeTls(target, endpoint, { timeoutMs }),
      probePlaintext(target, config, timeoutMs),
      (target.tls ? tlsPing({ ...baseTlsOptions(target), minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, timeoutMs) : plainPing(target.host, target.port, timeoutMs)).then(
        (r) => pingFact(r, target.tls ? 'tls' : 'plain', unauthSource),
      ),
      options.keyspace
        ? step<KeyspaceAudit>('keyspace audit', () => auditKeyspace(target, { timeoutMs, ...options.keyspace }, keyspaceSent))
        : Promise.resolve(notCollected('keyspace audit', options.keyspaceDisabledReason ?? 'keyspace audit not enabled for this scan', 'disabled')),
      target.sentinels ? probeSentinels(target, target.sentinels, resolvedAddresses.ok ? resolvedAddresses.value : [], timeoutMs, sentinelSent) : Promise.resolve(undefined),
    ]);

    return {
      platform: 'self',
      schemaVersion: 1,
      meta: {
        ...targetIdentity(target),
        collectedAt,
        finishedAt: new Date().toISOString(),
        probe: PROBE_INFO,
        resolvedAddresses,
        commandsSent: mergeCounts(client?.sent ?? {}, sentinelSent, keyspaceSent),
        commandsBlocked: [...(client?.blocked ?? [])],
        probeClockSynchronized: clockSync,
      },
      connection: { scannerAuth: auth, unauthenticatedPing },
      server: derive(info, 'INFO server', serverIdentity),
      info,
      commandStats: derive(info, 'INFO commandstats', (i) => parseCommandStats(i.commandstats)),
      config,
      acl: { users, dryRun, log: aclLog },
      slowlog,
      role,
      persistence: derive(info, 'INFO persistence', persistenceFacts),
      commands,
      clock,
      clients,
      tls,
      plaintext,
      keyspace,
      ...(sentinel ? { sentinel } : {}),
    };
  } finally {
    client?.close();
  }
}
