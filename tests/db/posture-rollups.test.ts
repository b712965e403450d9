// Daily posture rollups on a real database (SQLite, or PostgreSQL with TEST_DATABASE_ENGINE=postgresql):
// maintained per stored scan, equal to a rebuild from the stored results, carried over days without
// changes, idempotent, and correct when stores of one organisation run at the same time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { recordInstancePosture } from '@/lib/posture/record-instance-posture';
import { frameworkPosture } from '@/lib/posture/framework-posture';
import { assessedInstances, postureOnDay } from '@/lib/posture/posture-on-day';
import { postureTrend } from '@/lib/posture/posture-trend';
import { rebuildPostureRollups } from '@/lib/posture/rebuild-rollups';
import { removeInstancePosture } from '@/lib/posture/remove-instance-posture';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { at, createInstance, latestRows, rollupRows, storeScan } from '../posture/support';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

const TLS = 'RED-TLS-001';
const AUTH = 'RED-AUTH-001';
const NET = 'RED-NET-001';

describe('daily posture rollup', () => {
  let orgId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    orgId = (await createOrganization()).id;
    for (const name of ['a', 'b', 'c']) ids[name] = (await createInstance(orgId, name)).id;
    await storeScan(orgId, ids.a, at('2026-03-01'), { [TLS]: 'pass', [AUTH]: 'fail', [NET]: 'pass' });
    await storeScan(orgId, ids.b, at('2026-03-01', '07:00:00'), { [TLS]: 'fail', [AUTH]: 'fail', [NET]: 'error' });
    await storeScan(orgId, ids.a, at('2026-03-03'), { [TLS]: 'fail', [AUTH]: 'pass', [NET]: 'pass' });
    await storeScan(orgId, ids.c, at('2026-03-03', '08:00:00'), { [TLS]: 'not_assessable', [AUTH]: 'not_applicable', [NET]: 'pass' });
    await storeScan(orgId, ids.b, at('2026-03-06'), { [TLS]: 'pass', [AUTH]: 'pass', [NET]: 'pass' });
    // A scan that changes nothing writes no day of its own.
    await storeScan(orgId, ids.a, at('2026-03-06', '09:00:00'), { [TLS]: 'fail', [AUTH]: 'pass', [NET]: 'pass' });
  });

  it('scores each day from the latest results, carrying days without changes forward', async () => {
    const trend = await postureTrend(orgId, { from: '2026-02-28', to: '2026-03-07' });
    expect(trend.map((p) => [p.day, p.score])).toEqual([
      ['2026-02-28', null],
      ['2026-03-01', 33.3], // pass 2 of 6 (b's NET error counts against)
      ['2026-03-02', 33.3],
      ['2026-03-03', 37.5], // pass 3 of 8; c's AUTH not_applicable is excluded
      ['2026-03-04', 37.5],
      ['2026-03-05', 37.5],
      ['2026-03-06', 75], // pass 6 of 8: c's TLS not_assessable still counts against
      ['2026-03-07', 75],
    ]);
    expect(trend.find((p) => p.day === '2026-03-03')).toMatchObject({ pass: 3, fail: 3, notAssessed: 2, notApplicable: 1 });
    expect((await rollupRows(orgId)).map((r) => r.day)).toEqual(expect.arrayContaining(['2026-03-01', '2026-03-03', '2026-03-06']));
    expect(new Set((await rollupRows(orgId)).map((r) => r.day)).size).toBe(3);
  });

  it('gives per-control and per-requirement figures for a day', async () => {
    const posture = await postureOnDay(orgId, '2026-03-07');
    expect(posture.day).toBe('2026-03-06');
    expect(posture.byControl.get(TLS)).toEqual({ pass: 1, fail: 1, error: 0, not_assessable: 1, not_applicable: 0 });
    expect(assessedInstances(posture)).toBe(3);
    const transmission = frameworkPosture('hipaa', posture.byControl).find((r) => r.ref === '164.312(e)(1)')!;
    expect(transmission.controlIds).toEqual(expect.arrayContaining([TLS, NET]));
    // TLS-001 fails on a; NET-001 passes on all three; the paragraph's other controls have no results.
    expect(transmission.controls).toMatchObject({ failing: 1, passing: 1, not_assessed: 0 });
    expect(transmission.counts.fail).toBe(1);
    expect(transmission.score).toBeCloseTo(4 / 6);
    expect((await postureOnDay(orgId, '2026-02-28')).day).toBeNull();
  });

  it('keeps each instance’s latest result per control', async () => {
    const latest = await latestRows(orgId);
    expect(latest).toHaveLength(9);
    expect(latest.find((r) => r.instanceId === ids.a && r.controlId === TLS)).toMatchObject({ status: 'fail', evaluatedAt: at('2026-03-06', '09:00:00') });
    expect(latest.find((r) => r.instanceId === ids.c && r.controlId === AUTH)).toMatchObject({ status: 'not_applicable' });
  });

  it('ignores a result that is not newer than the one recorded (retries, resumed runs)', async () => {
    const before = [await rollupRows(orgId), await latestRows(orgId)];
    const results = [{ controlId: TLS, status: 'pass', severity: 'high' }];
    await db().$transaction((tx) => recordInstancePosture(tx, { instanceId: ids.a, snapshotId: null, evaluatedAt: at('2026-03-02'), results }));
    await db().$transaction((tx) => recordInstancePosture(tx, { instanceId: ids.a, snapshotId: null, evaluatedAt: at('2026-03-06', '09:00:00'), results }));
    expect([await rollupRows(orgId), await latestRows(orgId)]).toEqual(before);
  });

  it('equals a rebuild from the stored results', async () => {
    const incremental = [await rollupRows(orgId), await latestRows(orgId)];
    const summary = await rebuildPostureRollups(orgId);
    expect(summary).toMatchObject({ instances: 3, results: 18, days: 3 });
    expect([await rollupRows(orgId), await latestRows(orgId)]).toEqual(incremental);
  });

  it('drops a gone instance from the day it went, as a rebuild does', async () => {
    const goneAt = at('2026-03-08', '12:00:00');
    await db().$transaction(async (tx) => {
      await tx.instance.update({ where: { id: ids.c }, data: { goneAt } });
      await removeInstancePosture(tx, ids.c, goneAt);
    });
    const trend = await postureTrend(orgId, { from: '2026-03-07', to: '2026-03-08' });
    expect(trend.map((p) => p.score)).toEqual([75, 83.3]); // without c: pass 5 of 6
    expect((await latestRows(orgId)).some((r) => r.instanceId === ids.c)).toBe(false);
    const incremental = [await rollupRows(orgId), await latestRows(orgId)];
    await rebuildPostureRollups(orgId);
    expect([await rollupRows(orgId), await latestRows(orgId)]).toEqual(incremental);
  });

  it('counts every store when one organisation stores many instances at once', async () => {
    const org = (await createOrganization()).id;
    const instances = await Promise.all(Array.from({ length: 8 }, (_, i) => createInstance(org, `parallel-${i}`)));
    await storeScan(org, instances[0].id, at('2026-04-01'), { [TLS]: 'pass', [AUTH]: 'pass' });
    await Promise.all(instances.map((inst, i) => storeScan(org, inst.id, at('2026-04-02', `10:00:0${i}`), { [TLS]: i % 2 ? 'fail' : 'pass', [AUTH]: 'fail' })));
    const posture = await postureOnDay(org, '2026-04-02');
    expect(posture.byControl.get(TLS)).toMatchObject({ pass: 4, fail: 4 });
    expect(posture.byControl.get(AUTH)).toMatchObject({ pass: 0, fail: 8 });
    const incremental = await rollupRows(org);
    await rebuildPostureRollups(org);
    expect(await rollupRows(org)).toEqual(incremental);
  });
});
