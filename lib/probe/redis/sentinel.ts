// `SENTINEL MASTER <name>` on the Sentinel endpoints the inventory names for this primary
// (RED-AVL-001: is a failover manager watching it?). Read-only, allowlisted like every command.

import type { Collected } from '@/lib/facts/common';
import type { SentinelMasterFacts } from '@/lib/facts/self-hosted';
import { ProbeClient } from './client';
import { classifyError, UnparseableReplyError } from './outcome';
import type { ProbeTarget } from './target';

export interface SentinelEndpoint {
  host: string;
  port: number;
  tls: boolean;
}

export interface SentinelConfig {
  masterName: string;
  endpoints: SentinelEndpoint[];
  username?: string;
  password?: string;
}

interface MasterReply {
  ip: string;
  port: number;
  flags: string[];
  quorum: number;
  numOtherSentinels: number;
  numSlaves: number;
}

function parseMaster(reply: unknown): MasterReply {
  if (!Array.isArray(reply) || reply.length % 2 !== 0) throw new UnparseableReplyError('SENTINEL MASTER');
  const f = new Map<string, string>();
  for (let i = 0; i < reply.length; i += 2) f.set(String(reply[i]), String(reply[i + 1]));
  return {
    ip: f.get('ip') ?? '',
    port: Number(f.get('port')),
    flags: (f.get('flags') ?? '').split(',').filter(Boolean),
    quorum: Number(f.get('quorum')),
    numOtherSentinels: Number(f.get('num-other-sentinels') ?? 0),
    numSlaves: Number(f.get('num-slaves') ?? 0),
  };
}

async function askOne(target: ProbeTarget, config: SentinelConfig, endpoint: SentinelEndpoint, timeoutMs: number, sent: Record<string, number>): Promise<MasterReply> {
  const client = await ProbeClient.connect({ ...target, ...endpoint, username: undefined, password: undefined }, timeoutMs);
  try {
    if (config.password) await (config.username ? client.call('AUTH', config.username, config.password) : client.call('AUTH', config.password));
    return parseMaster(await client.call('SENTINEL', 'MASTER', config.masterName));
  } finally {
    client.close();
    for (const [verb, n] of Object.entries(client.sent)) sent[verb] = (sent[verb] ?? 0) + n;
  }
}

/** Asks every Sentinel; the fact is present when at least one answered. Commands sent are added to `sent`. */
export async function probeSentinels(
  target: ProbeTarget,
  config: SentinelConfig,
  primaryAddresses: string[],
  timeoutMs: number,
  sent: Record<string, number>,
): Promise<Collected<SentinelMasterFacts>> {
  const source = `SENTINEL MASTER ${config.masterName} on ${config.endpoints.map((e) => `${e.host}:${e.port}`).join(', ')}`;
  const answers = await Promise.allSettled(config.endpoints.map((e) => askOne(target, config, e, timeoutMs, sent)));
  const ok = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
  if (ok.length === 0) {
    const first = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected');
    const failure = classifyError(first?.reason ?? new Error('no Sentinel endpoint configured'));
    // "No such master with that name" is a standing configuration problem, not a transient one.
    if (/No such master/i.test(failure.reason)) failure.outcome = 'not_collected';
    return { ok: false, source, ...failure };
  }
  const m = ok[0];
  const addresses = new Set([target.host, ...primaryAddresses]);
  return {
    ok: true,
    source,
    value: {
      name: config.masterName,
      sentinelsAnswered: ok.length,
      quorum: m.quorum,
      knownSentinels: m.numOtherSentinels + 1,
      replicas: m.numSlaves,
      flags: m.flags,
      monitorsThisPrimary: addresses.has(m.ip) && m.port === target.port,
    },
  };
}
