import {
  HIGH_RISK_COMMANDS,
  type ClientSummary,
  type ClockFacts,
  type HighRiskCommand,
  type InfoSections,
  type RoleFacts,
} from '@/lib/facts/self-hosted';
import type { ProbeClient } from './client';
import { UnparseableReplyError } from './outcome';
import { parseInfoFields } from './parse-info';

export async function collectSlowlogLen(client: ProbeClient): Promise<{ length: number }> {
  const len = Number(await client.call('SLOWLOG', 'LEN'));
  if (!Number.isFinite(len)) throw new UnparseableReplyError('SLOWLOG LEN');
  return { length: len };
}

/** ROLE, enriched with state/lag from INFO replication when available. */
export async function collectRole(client: ProbeClient, info: InfoSections | null): Promise<RoleFacts> {
  const reply = await client.call('ROLE');
  if (!Array.isArray(reply)) throw new UnparseableReplyError('ROLE');
  const role = String(reply[0]);
  const replication = info?.replication ?? {};
  if (role === 'master') {
    const fromInfo = Object.entries(replication)
      .filter(([k]) => /^slave\d+$/.test(k))
      .map(([, v]) => parseInfoFields(v));
    const replicas = (reply[2] as unknown[][] ?? []).map(([ip, port, offset]) => {
      const detail = fromInfo.find((r) => r.ip === String(ip) && r.port === String(port));
      return {
        ip: String(ip),
        port: Number(port),
        state: detail?.state ?? null,
        offset: Number(offset),
        lagSeconds: detail?.lag !== undefined ? Number(detail.lag) : null,
      };
    });
    return { role: 'master', replicas, master: null };
  }
  if (role === 'slave') {
    return { role: 'slave', replicas: [], master: { host: String(reply[1]), port: Number(reply[2]), linkState: String(reply[3]) } };
  }
  if (role === 'sentinel') return { role: 'sentinel', replicas: [], master: null };
  throw new UnparseableReplyError(`ROLE ${role}`);
}

/** COMMAND INFO: nil under the original name = renamed or disabled. */
export async function collectCommandPresence(client: ProbeClient): Promise<Record<HighRiskCommand, 'present' | 'missing'>> {
  const reply = await client.call('COMMAND', 'INFO', ...HIGH_RISK_COMMANDS);
  if (!Array.isArray(reply) || reply.length !== HIGH_RISK_COMMANDS.length) throw new UnparseableReplyError('COMMAND INFO');
  return Object.fromEntries(HIGH_RISK_COMMANDS.map((name, i) => [name, reply[i] === null ? 'missing' : 'present'])) as Record<
    HighRiskCommand,
    'present' | 'missing'
  >;
}

export async function collectClock(client: ProbeClient): Promise<ClockFacts> {
  const before = Date.now();
  const reply = await client.call('TIME');
  const after = Date.now();
  if (!Array.isArray(reply) || reply.length !== 2) throw new UnparseableReplyError('TIME');
  const serverTimeMs = Number(reply[0]) * 1000 + Math.floor(Number(reply[1]) / 1000);
  const probeTimeMs = Math.round((before + after) / 2);
  return { serverTimeMs, probeTimeMs, skewMs: serverTimeMs - probeTimeMs, roundTripMs: after - before };
}

/** CLIENT LIST reduced to address, user and flags (names, commands, buffers dropped). */
export async function collectClients(client: ProbeClient): Promise<ClientSummary[]> {
  const text = String(await client.call('CLIENT', 'LIST'));
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => {
      const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S*)`).exec(line)?.[1] ?? '';
      return { addr: field('addr'), user: field('user'), flags: field('flags'), self: field('cmd') === 'client|list' };
    });
}
