// Which node the keyspace audit reads (catalog §5.2 step 1): a replica when one is known — from the
// inventory, or listed by the primary's ROLE — else the primary, saying why. Reading a replica
// also keeps lazy expiry (a logically expired key read on the primary is deleted) off the primary.
// A replica is used only when it replicates *this* primary (same replication ID in INFO
// replication) over a live link: an inventory entry pointing at another primary's replica, or a
// replica cut off from its primary, would audit some other or stale keyspace.

import type { ReplicaCandidate } from '@/lib/facts/common';
import { classifyError } from './outcome';
import { RespConnection, type RespEndpoint } from './keyspace-resp';
import { parseInfoSections } from './parse-info';
import type { ProbeTarget } from './target';

export interface AuditNode {
  connection: RespConnection;
  role: 'master' | 'replica';
  endpoint: string;
  /** The node's address, for further connections to the same node. */
  address: RespEndpoint;
  replicas: ReplicaCandidate[];
  note: string | null;
}

const describe = (e: RespEndpoint) => (e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`);

/** Connects and authenticates like the probe's own session; the caller closes it. */
export async function openAuthenticated(target: ProbeTarget, endpoint: RespEndpoint, timeoutMs: number, sent: Record<string, number>): Promise<RespConnection> {
  const connection = await RespConnection.open(target, endpoint, timeoutMs, sent);
  try {
    if (target.password) await connection.call(...(target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password]));
    return connection;
  } catch (err) {
    connection.close();
    throw err;
  }
}

interface Role {
  role: string;
  replicas: RespEndpoint[];
  /** A replica's link to its primary (`connect`, `connecting`, `sync`, `connected`). */
  linkState: string | null;
}

async function roleOf(connection: RespConnection): Promise<Role> {
  const reply = await connection.call('ROLE');
  if (!Array.isArray(reply)) throw new Error('unparseable reply: ROLE');
  const role = String(reply[0]);
  const listed = role === 'master' && Array.isArray(reply[2]) ? reply[2] : [];
  const replicas = listed.flatMap((r) => (Array.isArray(r) ? [{ host: String(r[0]), port: Number(String(r[1])) }] : [])).filter((r) => r.port > 0);
  return { role: role === 'slave' ? 'replica' : role, replicas, linkState: role === 'slave' ? String(reply[3]) : null };
}

/** The replication ID a node serves or follows (`master_replid` of INFO replication). */
async function replicationIdOf(connection: RespConnection): Promise<string> {
  const id = parseInfoSections(String(await connection.call('INFO', 'replication'))).replication?.master_replid;
  if (!id) throw new Error('INFO replication has no master_replid');
  return id;
}

/** Why a replica candidate must not be read, or null when it follows `primaryId` over a live link. */
async function replicaRefusal(connection: RespConnection, role: Role, primaryId: () => Promise<string>): Promise<Pick<ReplicaCandidate, 'outcome' | 'reason'> | null> {
  if (role.role !== 'replica') return { outcome: 'not_a_replica', reason: `ROLE says ${role.role}` };
  if (role.linkState !== 'connected') return { outcome: 'not_in_sync', reason: `its link to the primary is "${role.linkState}" (ROLE): its keyspace may be stale` };
  let own: string;
  let expected: string;
  try {
    [own, expected] = await Promise.all([replicationIdOf(connection), primaryId()]);
  } catch (err) {
    return { outcome: 'unverified', reason: `replication ID unavailable (${classifyError(err).reason.slice(0, 120)}): cannot tell whose replica it is` };
  }
  if (own !== expected) return { outcome: 'other_primary', reason: `it replicates another primary (master_replid ${own.slice(0, 8)}…, this primary's ${expected.slice(0, 8)}…)` };
  return null;
}

/**
 * The node to audit. `sent` tallies every command (the session's AUTH included); `auditSent` only
 * what was sent after authenticating (the audit's own record).
 */
export async function chooseAuditNode(
  target: ProbeTarget,
  inventoryReplicas: readonly RespEndpoint[],
  timeoutMs: number,
  sent: Record<string, number>,
): Promise<AuditNode> {
  const primaryEndpoint = { host: target.host, port: target.port };
  const primary = await openAuthenticated(target, primaryEndpoint, timeoutMs, sent);
  const candidates: ReplicaCandidate[] = [];
  try {
    let own: { role: string; replicas: RespEndpoint[] };
    try {
      own = await roleOf(primary);
    } catch (err) {
      // Without ROLE the node's role is unknown: audit it as given, counted as a primary read.
      const note = `ROLE unavailable (${classifyError(err).reason.slice(0, 120)}): the node was read as given and counted as the primary`;
      return { connection: primary, role: 'master', endpoint: describe(primaryEndpoint), address: primaryEndpoint, replicas: candidates, note };
    }
    if (own.role === 'replica') return { connection: primary, role: 'replica', endpoint: describe(primaryEndpoint), address: primaryEndpoint, replicas: candidates, note: null };
    let primaryId: Promise<string> | null = null;
    const primaryReplicationId = () => (primaryId ??= replicationIdOf(primary));
    const seen = new Set<string>();
    const queue: [RespEndpoint, ReplicaCandidate['source']][] = [
      ...inventoryReplicas.map((e) => [e, 'inventory'] as [RespEndpoint, ReplicaCandidate['source']]),
      ...own.replicas.map((e) => [e, 'role'] as [RespEndpoint, ReplicaCandidate['source']]),
    ];
    for (const [endpoint, source] of queue) {
      const name = describe(endpoint);
      if (seen.has(name)) continue;
      seen.add(name);
      let connection: RespConnection | null = null;
      try {
        connection = await openAuthenticated(target, endpoint, timeoutMs, sent);
        const refusal = await replicaRefusal(connection, await roleOf(connection), primaryReplicationId);
        if (!refusal) {
          candidates.push({ endpoint: name, source, outcome: 'used', reason: null });
          primary.close();
          return { connection, role: 'replica', endpoint: name, address: endpoint, replicas: candidates, note: null };
        }
        candidates.push({ endpoint: name, source, ...refusal });
        connection.close();
      } catch (err) {
        connection?.close();
        candidates.push({ endpoint: name, source, outcome: 'unreachable', reason: classifyError(err).reason.slice(0, 160) });
      }
    }
    const note =
      candidates.length === 0
        ? 'the primary was read: no replica is listed by ROLE or configured for this target'
        : `the primary was read: no replica could be used (${candidates.map((c) => `${c.endpoint} ${c.outcome}`).join(', ')})`;
    return { connection: primary, role: 'master', endpoint: describe(primaryEndpoint), address: primaryEndpoint, replicas: candidates, note };
  } catch (err) {
    primary.close();
    throw err;
  }
}
