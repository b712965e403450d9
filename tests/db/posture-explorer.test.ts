// What the dashboards' numbers open, on a real database: the results explorer (latest and period
// modes, filters, paging, sorting, the auditor's window), the instances and audit-log lists, and
// the officer home's figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit-log/record-audit';
import { auditQuerySchema, listAuditEntriesPage } from '@/lib/audit-log/list-audit-entries';
import { db } from '@/lib/db/client';
import { instancesQuerySchema, listInstancesPage } from '@/lib/inventory/list-instances';
import { listResults } from '@/lib/posture/list-results';
import { officerHome } from '@/lib/posture/officer-home';
import { resultsQuerySchema, type ResultsQuery } from '@/lib/posture/results-query';
import type { ViewerWindow } from '@/lib/posture/viewer-window';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { at, createInstance, storeScan } from '../posture/support';
import { createStaff } from '../findings/support';

let tdb: TestDatabase;
let orgId: string;
const ids: Record<string, string> = {};
const snapshots: Record<string, string> = {};
const NOW = new Date('2026-03-10T12:00:00Z');

const query = (q: Record<string, string> = {}): ResultsQuery => resultsQuerySchema.parse(q);
const auditorWindow = (from: string, to: string): ViewerWindow => ({ start: new Date(`${from}T00:00:00Z`), end: new Date(`${to}T23:00:00Z`), fromDay: from, toDay: to });

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  ids.alpha = (await createInstance(orgId, 'Alpha-cache')).id;
  ids.beta = (await createInstance(orgId, 'beta-cache', { provider: 'aws', platform: 'ec', account: '111111111111', region: 'us-east-1' })).id;
  ids.gamma = (await createInstance(orgId, 'gamma-cache', { provider: 'aws', platform: 'ec', account: '111111111111', region: 'eu-west-1' })).id;
  ids.unscanned = (await createInstance(orgId, 'delta-never-scanned')).id;
  await storeScan(orgId, ids.alpha, at('2026-03-01'), { 'RED-TLS-001': 'fail', 'RED-NET-001': 'pass', 'RED-AUTH-001': 'fail' });
  await storeScan(orgId, ids.beta, at('2026-03-01'), { 'RED-TLS-001': 'pass', 'RED-NET-001': 'error', 'RED-AUTH-001': 'pass' });
  ({ snapshotId: snapshots.alpha } = await storeScan(orgId, ids.alpha, at('2026-03-05'), { 'RED-TLS-001': 'fail', 'RED-NET-001': 'pass', 'RED-AUTH-001': 'pass' }));
  await storeScan(orgId, ids.gamma, at('2026-03-05'), { 'RED-TLS-001': 'fail', 'RED-NET-001': 'not_assessable', 'RED-AUTH-001': 'not_applicable' });
});
afterAll(async () => {
  await tdb?.drop();
});

describe('results explorer', () => {
  it('lists the latest results behind a requirement and status, with their evidence', async () => {
    const page = await listResults(orgId, query({ requirement: '164.312(e)(1)', status: 'fail', sort: 'instance' }), null);
    expect(page).toMatchObject({ mode: 'latest', total: 2 });
    expect(page.rows.map((r) => [r.instanceName, r.controlId])).toEqual([
      ['Alpha-cache', 'RED-TLS-001'],
      ['gamma-cache', 'RED-TLS-001'],
    ]);
    expect(page.rows[0]).toMatchObject({ status: 'fail', reason: 'reason for fail', snapshotId: snapshots.alpha, evidenceRefs: [`facts/${snapshots.alpha}#/config/RED-TLS-001`], evaluatedAt: at('2026-03-05').toISOString() });
    // "not assessed" = error + not_assessable; AUTH-001 is not under 164.312(e)(1).
    const notAssessed = await listResults(orgId, query({ requirement: '164.312(e)(1)', status: 'not_assessed' }), null);
    expect(notAssessed.rows.map((r) => `${r.instanceName}:${r.status}`).sort()).toEqual(['beta-cache:error', 'gamma-cache:not_assessable']);
    // Control/status totals come from the rollup; they equal the rows' count.
    expect(notAssessed.total).toBe(2);
    expect((await listResults(orgId, query({ status: 'pass' }), null)).total).toBe(4);
  });

  it('filters by platform and instance name (any case), sorts and pages in the database', async () => {
    expect((await listResults(orgId, query({ platform: 'ec' }), null)).total).toBe(6);
    expect((await listResults(orgId, query({ q: 'ALPHA' }), null)).rows.every((r) => r.instanceName === 'Alpha-cache')).toBe(true);
    const first = await listResults(orgId, query({ size: '10', sort: 'instance', dir: 'desc' }), null);
    expect(first.total).toBe(9);
    expect(first.rows[0].instanceName).toBe('gamma-cache');
    const byControl = await listResults(orgId, query({ size: '10' }), null);
    expect(byControl.rows.map((r) => r.controlId)).toEqual([...byControl.rows.map((r) => r.controlId)].sort());
    expect((await listResults(orgId, query({ severity: 'high' }), null)).total).toBe(9);
    const beyond = await listResults(orgId, query({ size: '10', page: '7' }), null);
    expect(beyond).toMatchObject({ page: 1, total: 9 });
  });

  it('lists every result evaluated in a period instead of the latest ones', async () => {
    const page = await listResults(orgId, query({ from: '2026-03-01', to: '2026-03-01', status: 'fail' }), null, NOW);
    expect(page).toMatchObject({ mode: 'period', period: { from: '2026-03-01', to: '2026-03-01' }, total: 2, notice: null });
    expect(page.rows.map((r) => r.controlId).sort()).toEqual(['RED-AUTH-001', 'RED-TLS-001']);
  });

  it('shows an auditor only the results inside the access window, and says so', async () => {
    const window = auditorWindow('2026-03-04', '2026-03-10');
    const defaulted = await listResults(orgId, query(), window, NOW);
    expect(defaulted).toMatchObject({ mode: 'period', period: { from: '2026-03-04', to: '2026-03-10' }, total: 6, notice: null });
    const cut = await listResults(orgId, query({ from: '2026-02-20', to: '2026-03-06' }), window, NOW);
    expect(cut.period).toEqual({ from: '2026-03-04', to: '2026-03-06' });
    expect(cut.notice).toContain('your access window is 2026-03-04 to 2026-03-10');
    expect(cut.rows.every((r) => r.evaluatedAt >= '2026-03-04')).toBe(true);
    const outside = await listResults(orgId, query({ from: '2026-02-01', to: '2026-03-02' }), window, NOW);
    expect(outside.notice).toContain('outside your access window');
    expect(outside.rows.every((r) => r.evaluatedAt >= '2026-03-04')).toBe(true);
  });
});

describe('instances and audit-log lists', () => {
  it('filters the inventory by provider, account, region and latest results', async () => {
    const page = (q: Record<string, string>) => listInstancesPage(orgId, instancesQuerySchema.parse(q));
    expect((await page({ provider: 'aws', account: '111111111111' })).rows.map((r) => r.name)).toEqual(['beta-cache', 'gamma-cache']);
    expect((await page({ region: 'eu-west-1' })).rows.map((r) => r.name)).toEqual(['gamma-cache']);
    expect((await page({ status: 'failing' })).rows.map((r) => r.name)).toEqual(['Alpha-cache', 'gamma-cache']);
    expect((await page({ status: 'unscanned' })).rows.map((r) => r.name)).toEqual(['delta-never-scanned']);
    const alpha = (await page({ q: 'alpha' })).rows[0];
    expect(alpha.counts).toMatchObject({ pass: 2, fail: 1 });
    expect((await page({ status: 'unscanned' })).rows[0].counts).toBeNull();
    expect((await page({ sort: 'name', dir: 'desc', size: '10' })).rows[0].name).toBe('gamma-cache');
  });

  it('pages the audit log and keeps an auditor inside the window', async () => {
    const actor = await createStaff(orgId, 'officer');
    await recordAudit(actor, { action: 'settings.update', outcome: 'success' });
    await recordAudit(actor, { action: 'scan.start', outcome: 'denied' });
    const all = await listAuditEntriesPage(orgId, auditQuerySchema.parse({}), null);
    expect(all.rows.map((r) => r.action)).toEqual(['scan.start', 'settings.update']);
    expect((await listAuditEntriesPage(orgId, auditQuerySchema.parse({ outcome: 'denied' }), null)).rows.map((r) => r.action)).toEqual(['scan.start']);
    const pastWindow = { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2020-12-31T00:00:00Z'), fromDay: '2020-01-01', toDay: '2020-12-31' };
    expect((await listAuditEntriesPage(orgId, auditQuerySchema.parse({}), pastWindow)).total).toBe(0);
  });
});

describe('officer home', () => {
  it('gathers posture, trend, late work and inventory', async () => {
    const engineer = await createStaff(orgId, 'engineer');
    // These pretend scans do not reconcile findings (lib/findings does, in the real store): add one by hand.
    const overdue = await db().finding.create({
      data: { organizationId: orgId, instanceId: ids.gamma, controlId: 'RED-TLS-001', severity: 'critical', state: 'open', firstDetectedAt: at('2026-03-01'), lastDetectedAt: at('2026-03-05'), dueAt: at('2026-03-08') },
    });
    await db().ticket.create({ data: { organizationId: orgId, title: 'Enable TLS', description: 'x', createdById: engineer.id, dueAt: at('2026-03-09') } });
    await db().backupDrill.create({ data: { instanceId: ids.alpha, backupKind: 'rdb', backupRef: 'dump.rdb', startedAt: at('2026-03-02'), result: 'pass', details: {} } });
    await db().credentialState.create({
      data: { instanceId: ids.beta, kind: 'tls_certificate', subject: 'server certificate', digest: 'd', notAfter: at('2026-03-20'), firstSeenAt: at('2026-01-01'), digestSince: at('2026-01-01'), lastSeenAt: at('2026-03-05'), details: {} },
    });

    const home = await officerHome(orgId, null, NOW);
    expect(home).toMatchObject({ asOf: '2026-03-10', postureDay: '2026-03-05', assessedInstances: 3 });
    expect(home.totals).toEqual({ pass: 4, fail: 2, error: 1, not_assessable: 1, not_applicable: 1 });
    expect(home.score).toBe(0.5);
    expect(home.trend?.points).toHaveLength(30);
    expect(home.trend?.points.at(-1)).toMatchObject({ day: '2026-03-10', score: 50 });
    expect(home.topFailing[0]).toMatchObject({ controlId: 'RED-TLS-001', fail: 2 });
    expect(home.hipaa.find((r) => r.ref === '164.312(e)(1)')?.controls.failing).toBe(1);
    expect(home.inventory.groups).toEqual(
      expect.arrayContaining([
        { provider: 'self', platform: 'self', account: null, region: null, instances: 2 },
        { provider: 'aws', platform: 'ec', account: '111111111111', region: 'us-east-1', instances: 1 },
      ]),
    );
    expect(home.due.overdueFindings).toMatchObject({ count: 1, examples: [expect.objectContaining({ id: overdue.id, instanceName: 'gamma-cache' })] });
    expect(home.due.activeFindings).toEqual({ count: 1, bySeverity: { critical: 1 } });
    expect(home.due.overdueTickets.count).toBe(1);
    // Four active instances, one drilled 8 days ago (within 90 days).
    expect(home.due.drills).toMatchObject({ activeInstances: 4, late: 3, dueSoon: 0, maxAgeDays: 90 });
    // The certificate expires in 10 days: inside the 30-day warning, not yet late.
    expect(home.due.rotations).toMatchObject({ late: 0, dueSoon: 1, examples: [expect.objectContaining({ instanceName: 'beta-cache', kind: 'tls_certificate' })] });
  });

  it('limits an auditor to the window: posture as of its end, trend inside it', async () => {
    const home = await officerHome(orgId, auditorWindow('2026-03-02', '2026-03-04'), NOW);
    expect(home).toMatchObject({ asOf: '2026-03-04', postureDay: '2026-03-01' });
    expect(home.trend).toMatchObject({ from: '2026-03-02', to: '2026-03-04' });
    expect(home.trend?.points).toHaveLength(3);
  });
});
