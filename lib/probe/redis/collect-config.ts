import {
  SELF_CONFIG_PARAMS,
  SELF_SECRET_CONFIG_PARAMS,
  type SelfConfigParam,
  type SelfHostedConfig,
  type SelfSecretConfigParam,
} from '@/lib/facts/self-hosted';
import type { ProbeClient } from './client';
import type { Fingerprinter } from './fingerprint';
import { UnparseableReplyError } from './outcome';

function toMap(reply: unknown): Map<string, string> {
  if (!Array.isArray(reply) || reply.length % 2 !== 0) throw new UnparseableReplyError('CONFIG GET');
  const map = new Map<string, string>();
  for (let i = 0; i < reply.length; i += 2) map.set(String(reply[i]), String(reply[i + 1]));
  return map;
}

/**
 * CONFIG GET of several names: one call on Redis ≥ 7; Redis 6 takes one name per call and answers
 * "wrong number of arguments" to more, so it gets one call per name.
 */
async function configGet(client: ProbeClient, names: readonly string[]): Promise<Map<string, string>> {
  try {
    return toMap(await client.call('CONFIG', 'GET', ...names));
  } catch (err) {
    if (!/wrong number of arguments/i.test(String((err as Error).message))) throw err;
    const maps = await Promise.all(names.map(async (name) => toMap(await client.call('CONFIG', 'GET', name))));
    return new Map(maps.flatMap((m) => [...m]));
  }
}

/** CONFIG GET of the fixed list. Secret values are fingerprinted here and the clear text dropped. */
export async function collectConfig(client: ProbeClient, fp: Fingerprinter): Promise<SelfHostedConfig> {
  const values: SelfHostedConfig['values'] = {};
  const secrets: SelfHostedConfig['secrets'] = {};
  const plain = await configGet(client, SELF_CONFIG_PARAMS);
  for (const name of SELF_CONFIG_PARAMS) {
    const value = plain.get(name);
    if (value !== undefined) values[name as SelfConfigParam] = value;
  }
  const secretReply = await configGet(client, SELF_SECRET_CONFIG_PARAMS);
  for (const name of SELF_SECRET_CONFIG_PARAMS) {
    if (secretReply.has(name)) secrets[name as SelfSecretConfigParam] = fp.reduce(secretReply.get(name));
  }
  return { values, secrets };
}
