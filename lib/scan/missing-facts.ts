// A snapshot for a target the probe could not finish (per-target timeout): every fact missing with
// the same outcome, so every control reports why instead of guessing.

import type { CollectedMissing, CollectionOutcome } from '@/lib/facts/common';
import { TLS_VERSIONS, type SelfHostedFacts } from '@/lib/facts/self-hosted';
import { PROBE_INFO, type ProbeTarget, targetIdentity } from '@/lib/probe/redis';

export function missingFacts(target: ProbeTarget, outcome: CollectionOutcome, reason: string, startedAt: Date): SelfHostedFacts {
  const m = (source: string): CollectedMissing => ({ ok: false, outcome, reason, source });
  return {
    platform: 'self',
    schemaVersion: 1,
    meta: {
      ...targetIdentity(target),
      collectedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      probe: PROBE_INFO,
      resolvedAddresses: m('dns lookup'),
      commandsSent: {},
      commandsBlocked: [],
      probeClockSynchronized: m('probe clock'),
    },
    connection: { scannerAuth: m('scanner session'), unauthenticatedPing: m('PING without credentials') },
    server: m('INFO server'),
    info: m('INFO everything'),
    commandStats: m('INFO commandstats'),
    config: m('CONFIG GET (fixed list)'),
    acl: { users: m('ACL LIST + ACL GETUSER'), dryRun: m('ACL DRYRUN'), log: m('ACL LOG 128') },
    slowlog: m('SLOWLOG LEN'),
    role: m('ROLE'),
    persistence: m('INFO persistence'),
    commands: m('COMMAND INFO'),
    clock: m('TIME'),
    clients: m('CLIENT LIST'),
    tls: {
      endpoint: null,
      handshakes: Object.fromEntries(TLS_VERSIONS.map((v) => [v, m(`tls handshake ${v}`)])) as SelfHostedFacts['tls']['handshakes'],
      legacyCipherOffer: m('tls handshake legacy suites'),
      certificateChain: m('tls certificate chain'),
      verification: m('tls verification'),
      clientCertRequired: m('tls without client certificate'),
    },
    plaintext: m('plain PING'),
    keyspace: m('keyspace audit'),
  };
}
