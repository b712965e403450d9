// Replicas of an app-registered self-hosted target: given in the "add a target" form, validated,
// stored with the target's settings (no credentials), shown on the Connections page and handed to
// the keyspace audit, which reads the replica.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSelfTarget } from '@/lib/connections/add-self-target';
import { listConnections } from '@/lib/connections/list-connections';
import { db } from '@/lib/db/client';
import { auditKeyspace } from '@/lib/probe/redis/keyspace';
import { startReplica, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';
import { targetInputFor } from '@/lib/scan-runs/target-for-instance';
import { resolveTarget } from '@/lib/scan/target';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;
let primary: StartedSandbox;
let replica: StartedSandbox;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  primary = await startSandbox('phiProblems');
  replica = await startReplica(primary);
}, 60_000);
afterAll(async () => {
  await replica?.stop();
  await primary?.stop();
  await tdb?.drop();
});

const actor = () => ({ id: null, email: 'engineer@example.test', organizationId: orgId });
const form = (name: string, replicas: string) => ({ name, url: primary.url, user: primary.scanner!.name, password: primary.scanner!.password, replicas });

describe(`self-hosted target replicas on ${TEST_ENGINE}`, () => {
  it('stores the replicas, shows them, and the keyspace audit reads one', async () => {
    const added = await addSelfTarget(actor(), form('with-replica', `\n  redis://127.0.0.1:${replica.port}\n`));
    expect(added).toMatchObject({ ok: true });
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: orgId, name: 'with-replica' } });
    expect(connection.config).toMatchObject({ replicas: [`redis://127.0.0.1:${replica.port}`] });
    expect((await listConnections(orgId)).find((c) => c.name === 'with-replica')?.replicas).toEqual([`redis://127.0.0.1:${replica.port}`]);

    const { probe } = resolveTarget(targetInputFor(connection));
    expect(probe.replicas).toEqual([{ host: '127.0.0.1', port: replica.port }]);
    const audit = await auditKeyspace(probe, {});
    expect(audit.targetRole).toBe('replica');
    expect(audit.replicas?.[0]).toEqual({ endpoint: `127.0.0.1:${replica.port}`, source: 'inventory', outcome: 'used', reason: null });
  });

  it.each([
    ['ftp://10.0.1.6:6380', /replicas\.0.*redis:\/\/ or rediss:\/\/ URL with a host/],
    ['rediss://scanner:hunter2@10.0.1.6:6380', /takes no user or password/],
    [Array.from({ length: 17 }, (_, i) => `redis://10.0.1.${i}:6379`).join('\n'), /at most 16 replicas/],
  ])('refuses %s with a message and saves nothing', async (replicas, message) => {
    const before = await db().connection.count();
    const result = await addSelfTarget(actor(), form(`bad-${before}`, replicas));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
    expect(await db().connection.count()).toBe(before);
    // A refused password never reaches the database, not even in a refused row.
    expect(JSON.stringify(await db().connection.findMany())).not.toContain('hunter2');
  });
});
