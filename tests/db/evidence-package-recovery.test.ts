// A restart while a package builds: recovery builds it once more (the build is reproducible from
// stored data), leaves builds with a live heartbeat alone, and marks a package interrupted twice
// failed with the reason. Real database (TEST_DATABASE_ENGINE picks it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { toPeriod } from '@/lib/evidence/period';
import { recoverInterruptedPackages } from '@/lib/evidence/recover-interrupted-packages';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { createInstance, DAY_MS, seedDailyScans } from '../evidence/history';

let tdb: TestDatabase;
let orgId: string;
let officerId: string;
const DAY = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
const MINUTE = 60_000;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization('recovery-org')).id;
  officerId = (await createUserWithPassword(orgId, 'officer', 'a-long-test-passphrase')).id;
  const instance = await createInstance(orgId, 'cache-a', new Date(`${DAY}T00:00:00Z`));
  await seedDailyScans(orgId, [instance.id], DAY, 1, () => 'pass');
});

afterAll(async () => {
  await tdb?.drop();
});

async function leftBehind(status: string, heartbeatAgoMs: number | null, attempts = 1) {
  const period = toPeriod(DAY, DAY);
  return db().evidencePackage.create({
    data: {
      organizationId: orgId,
      periodFrom: period.start,
      periodTo: period.endExclusive,
      scope: { frameworks: ['hipaa'] },
      status,
      stage: status === 'building' ? 'writing report.pdf' : null,
      progress: status === 'building' ? 40 : 0,
      requestedById: officerId,
      createdAt: new Date(Date.now() - 10 * MINUTE),
      heartbeatAt: heartbeatAgoMs === null ? null : new Date(Date.now() - heartbeatAgoMs),
      attempts,
    },
  });
}

describe('evidence packages interrupted by a restart', () => {
  it('rebuilds stale ones once, keeps live ones, fails those interrupted twice', async () => {
    const cutOff = await leftBehind('building', 5 * MINUTE);
    const neverStarted = await leftBehind('queued', null);
    const live = await leftBehind('building', 1000);
    const twice = await leftBehind('building', 5 * MINUTE, 2);

    const outcome = await recoverInterruptedPackages(new Date(), { wait: true });
    expect(outcome.restarted.sort()).toEqual([cutOff.id, neverStarted.id].sort());
    expect(outcome.failed).toEqual([twice.id]);

    for (const id of [cutOff.id, neverStarted.id]) {
      const row = await db().evidencePackage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'ready', attempts: 2, progress: 100, error: null });
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await db().evidencePackage.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ status: 'building', attempts: 1 });
    const failed = await db().evidencePackage.findUniqueOrThrow({ where: { id: twice.id } });
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted 2 times .* request the package again/) });
    const audit = await db().auditLogEntry.findMany({ where: { action: 'evidence.build', targetId: twice.id } });
    expect(audit).toMatchObject([{ outcome: 'error' }]);

    // Nothing is left to recover: a second pass changes nothing.
    expect(await recoverInterruptedPackages(new Date(), { wait: true })).toEqual({ restarted: [], failed: [] });
  }, 120_000);
});
