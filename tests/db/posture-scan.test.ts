// A real scan of a real redis-server (insecure defaults) stores its results and, in the same
// transaction, the dashboards' rollups: the latest result per control and today's posture match the
// stored results exactly, and the explorer lists the failures with their evidence pointers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_STATUSES } from '@/lib/controls/types';
import { db } from '@/lib/db/client';
import { utcDay } from '@/lib/posture/day';
import { listResults } from '@/lib/posture/list-results';
import { postureOnDay } from '@/lib/posture/posture-on-day';
import { rebuildPostureRollups } from '@/lib/posture/rebuild-rollups';
import { resultsQuerySchema } from '@/lib/posture/results-query';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { startTargets } from '../scheduler/support';
import { rollupRows } from '../posture/support';

let tdb: TestDatabase;
let orgId: string;
let targets: Awaited<ReturnType<typeof startTargets>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  targets = await startTargets(orgId, 2, 0, 'posture');
});
afterAll(async () => {
  await targets?.stop();
  await tdb?.drop();
});

describe('posture after a real scan', () => {
  it('records every stored result in the rollups, in the store transaction', async () => {
    const run = await startScanRun(null, { organizationId: orgId, trigger: 'manual' }, { wait: true });
    const results = await db().controlResult.findMany({ where: { scanRunId: run.id } });
    expect(results.length).toBeGreaterThan(100);
    const latest = await db().latestControlResult.findMany({ where: { organizationId: orgId } });
    expect(latest).toHaveLength(results.length);

    const posture = await postureOnDay(orgId, utcDay(new Date()));
    for (const status of CONTROL_STATUSES) expect(posture.totals[status], status).toBe(results.filter((r) => r.status === status).length);
    // insecureDefaults: no password, plaintext — authentication fails on both instances.
    expect(posture.byControl.get('RED-AUTH-001')?.fail).toBe(2);

    const failing = await listResults(orgId, resultsQuerySchema.parse({ control: 'RED-AUTH-001', status: 'fail' }), null);
    expect(failing.total).toBe(2);
    for (const row of failing.rows) {
      expect(row.snapshotId).toBeTruthy();
      expect(row.evidenceRefs.length).toBeGreaterThan(0);
      expect(row.evidenceRefs.every((ref) => ref.startsWith(`facts/${row.snapshotId}#`) || !ref.startsWith('facts'))).toBe(true);
    }

    const incremental = await rollupRows(orgId);
    await rebuildPostureRollups(orgId);
    expect(await rollupRows(orgId)).toEqual(incremental);
  });
});
