// Findings derived from stored results on a real database (SQLite, or PostgreSQL with
// TEST_DATABASE_ENGINE=postgresql): opening, not-verified, resolve/reopen, idempotent reconciliation,
// the frozen SLA, people's moves, exceptions (approver ≠ requester, expiry) and overdue notices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { decideException } from '@/lib/exceptions/decide-exception';
import { expireRiskExceptions } from '@/lib/exceptions/expire-exceptions';
import { requestException } from '@/lib/exceptions/request-exception';
import { assignFinding } from '@/lib/findings/assign-finding';
import { findFinding } from '@/lib/findings/find-finding';
import { listFindings } from '@/lib/findings/list-findings';
import { notifyOverdueFindings } from '@/lib/findings/notify-overdue-findings';
import { transitionFinding } from '@/lib/findings/transition-finding';
import type { ActingUser } from '@/lib/findings/acting-user';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { createInstance, createStaff, daysAfter, storeScan } from '../findings/support';

let tdb: TestDatabase;
let orgId: string;
let engineer: ActingUser;
let officer: ActingUser;
let admin: ActingUser;
let auditor: ActingUser;
const t0 = new Date('2026-03-01T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  engineer = await createStaff(orgId, 'engineer');
  officer = await createStaff(orgId, 'officer');
  admin = await createStaff(orgId, 'admin');
  auditor = await createStaff(orgId, 'auditor');
  // A receiver subscribed to everything, so the outbox rows can be counted.
  await db().webhookEndpoint.create({ data: { organizationId: orgId, url: 'http://127.0.0.1:9/hook', description: 'count', events: ['finding.opened', 'finding.resolved', 'finding.overdue', 'ticket.changed'], secretCiphertext: 'unused' } });
});
afterAll(async () => tdb?.drop());

const outbox = async (event: string) => db().webhookDelivery.count({ where: { organizationId: orgId, event } });
const findingOf = (instanceId: string, controlId: string) => db().finding.findUniqueOrThrow({ where: { instanceId_controlId: { instanceId, controlId } } });

describe(`findings lifecycle on ${TEST_ENGINE}`, () => {
  it('opens one finding at the first fail; error afterwards keeps it open as "not verified since"', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [
      { controlId: 'RED-AUTH-001', status: 'fail', severity: 'critical' },
      { controlId: 'RED-TLS-001', status: 'pass' },
    ]);
    const opened = await findingOf(instance.id, 'RED-AUTH-001');
    expect(opened).toMatchObject({ state: 'open', severity: 'critical', lastStatus: 'fail' });
    expect(opened.firstDetectedAt).toEqual(t0);
    expect(opened.dueAt).toEqual(daysAfter(t0, 7));
    expect(await db().finding.count({ where: { instanceId: instance.id } })).toBe(1);

    await storeScan(orgId, instance.id, daysAfter(t0, 1), [{ controlId: 'RED-AUTH-001', status: 'error', severity: 'critical' }]);
    await storeScan(orgId, instance.id, daysAfter(t0, 2), [{ controlId: 'RED-AUTH-001', status: 'not_assessable', severity: 'critical' }]);
    const [row] = await listFindings(orgId, { instanceId: instance.id });
    expect(row.state).toBe('open');
    expect(row.lastStatus).toBe('not_assessable');
    expect(row.notVerifiedSince).toEqual(t0);
    const events = (await findFinding(orgId, opened.id))!.events.map((e) => e.kind);
    expect(events).toEqual(['detected', 'not_verified']);
  });

  it('reconciling the same results twice duplicates nothing (a resumed run)', async () => {
    const instance = await createInstance(orgId);
    const before = await outbox('finding.opened');
    const first = await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-NET-001', status: 'fail', severity: 'critical' }]);
    const again = await db().$transaction(async (tx) => {
      const { reconcileFindings } = await import('@/lib/findings/reconcile-findings');
      return reconcileFindings(tx, { scanRunId: first.runId, instanceId: instance.id, evaluatedAt: t0, results: [{ controlId: 'RED-NET-001', status: 'fail', severity: 'critical' }] });
    });
    expect(first.summary.opened).toBe(1);
    expect(again).toEqual({ opened: 0, reopened: 0, resolved: 0 });
    const finding = await findingOf(instance.id, 'RED-NET-001');
    expect(await db().findingEvent.count({ where: { findingId: finding.id } })).toBe(1);
    expect((await outbox('finding.opened')) - before).toBe(1);
  });

  it('resolves on a later pass and reopens on a later fail, with the due date frozen at first detection', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-TLS-002', status: 'fail', severity: 'high' }]);
    const resolvedBefore = await outbox('finding.resolved');
    await storeScan(orgId, instance.id, daysAfter(t0, 3), [{ controlId: 'RED-TLS-002', status: 'pass', severity: 'high' }]);
    expect(await findingOf(instance.id, 'RED-TLS-002')).toMatchObject({ state: 'resolved', resolvedAt: daysAfter(t0, 3) });
    expect((await outbox('finding.resolved')) - resolvedBefore).toBe(1);

    await storeScan(orgId, instance.id, daysAfter(t0, 5), [{ controlId: 'RED-TLS-002', status: 'fail', severity: 'critical' }]);
    const reopened = await findingOf(instance.id, 'RED-TLS-002');
    expect(reopened).toMatchObject({ state: 'reopened', severity: 'critical', resolvedAt: null });
    // The SLA was fixed at first detection (high: 30 days) and does not follow the new severity.
    expect(reopened.dueAt).toEqual(daysAfter(t0, 30));
    expect(await db().finding.count({ where: { instanceId: instance.id } })).toBe(1);
  });

  it('takes the SLA from the organisation threshold remediationSlaDays', async () => {
    const org = await db().organization.create({ data: { name: 'Strict', slug: `strict-${Date.now()}`, settings: { thresholds: { remediationSlaDays: { critical: 2, high: 10, medium: 20, low: 40 } } } } });
    const instance = await createInstance(org.id);
    await storeScan(org.id, instance.id, t0, [{ controlId: 'RED-AUTH-001', status: 'fail', severity: 'critical' }, { controlId: 'RED-CFG-005', status: 'fail', severity: 'low' }]);
    expect((await findingOf(instance.id, 'RED-AUTH-001')).dueAt).toEqual(daysAfter(t0, 2));
    expect((await findingOf(instance.id, 'RED-CFG-005')).dueAt).toEqual(daysAfter(t0, 40));
  });

  it('lets people acknowledge and move findings but never resolve them', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-ACL-001', status: 'fail' }]);
    const finding = await findingOf(instance.id, 'RED-ACL-001');
    expect(await transitionFinding(engineer, { findingId: finding.id, event: 'acknowledge', comment: 'on it' })).toEqual({ ok: true, state: 'acknowledged' });
    const again = await transitionFinding(engineer, { findingId: finding.id, event: 'acknowledge' });
    expect(again.ok).toBe(false);
    const resolve = await transitionFinding(engineer, { findingId: finding.id, event: 'scan_pass' });
    expect(resolve).toMatchObject({ ok: false, error: expect.stringMatching(/^event: use one of/) });
    expect(await transitionFinding(engineer, { findingId: finding.id, event: 'start_remediation' })).toMatchObject({ ok: true, state: 'in_remediation' });
    expect(await assignFinding(engineer, { findingId: finding.id, assigneeId: auditor.id })).toMatchObject({ ok: false, error: expect.stringMatching(/Auditors/) });
    expect(await assignFinding(engineer, { findingId: finding.id, assigneeId: engineer.id })).toEqual({ ok: true });
    expect(await listFindings(orgId, { assigneeId: engineer.id })).toHaveLength(1);
    const outsider = await createStaff((await createOrganization()).id, 'engineer');
    expect(await transitionFinding(outsider, { findingId: finding.id, event: 'retriage' })).toMatchObject({ ok: false, error: expect.stringMatching(/No such finding/) });
  });
});

describe(`risk exceptions on ${TEST_ENGINE}`, () => {
  it('needs an approver who is an officer or admin and not the requester', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-NET-004', status: 'fail' }]);
    const finding = await findingOf(instance.id, 'RED-NET-004');
    const now = daysAfter(t0, 1);
    const requested = await requestException(admin, { findingId: finding.id, reason: 'legacy client cannot do TLS until Q3', compensatingControl: 'only reachable from the app subnet', expiresAt: daysAfter(t0, 60).toISOString() }, now);
    expect(requested.ok).toBe(true);
    if (!requested.ok) return;
    expect(await decideException(admin, { exceptionId: requested.exceptionId, decision: 'approve' }, now)).toMatchObject({ ok: false, error: expect.stringMatching(/You requested this exception/) });
    expect(await decideException(engineer, { exceptionId: requested.exceptionId, decision: 'approve' }, now)).toMatchObject({ ok: false, error: expect.stringMatching(/Only a compliance officer/) });
    expect(await decideException(auditor, { exceptionId: requested.exceptionId, decision: 'approve' }, now)).toMatchObject({ ok: false });
    expect((await findingOf(instance.id, 'RED-NET-004')).state).toBe('open');
    expect(await decideException(officer, { exceptionId: requested.exceptionId, decision: 'approve' }, now)).toEqual({ ok: true, status: 'approved' });
    const exception = await db().riskException.findUniqueOrThrow({ where: { id: requested.exceptionId } });
    expect(exception).toMatchObject({ status: 'approved', approvedById: officer.id, requestedById: admin.id });
    expect((await findingOf(instance.id, 'RED-NET-004')).state).toBe('risk_accepted');
    expect(await decideException(officer, { exceptionId: requested.exceptionId, decision: 'approve' }, now)).toMatchObject({ ok: false, error: expect.stringMatching(/already approved/) });
  });

  it('refuses unusable requests with a reason', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-CFG-001', status: 'fail' }]);
    const finding = await findingOf(instance.id, 'RED-CFG-001');
    const base = { findingId: finding.id, reason: 'vendor appliance, upgrade scheduled', compensatingControl: 'isolated VLAN' };
    expect(await requestException(engineer, { ...base, expiresAt: daysAfter(t0, -1).toISOString() }, t0)).toMatchObject({ ok: false, error: expect.stringMatching(/in the future/) });
    expect(await requestException(engineer, { ...base, expiresAt: daysAfter(t0, 400).toISOString() }, t0)).toMatchObject({ ok: false, error: expect.stringMatching(/at most 365 days/) });
    expect(await requestException(engineer, { ...base, reason: 'short', expiresAt: daysAfter(t0, 30).toISOString() }, t0)).toMatchObject({ ok: false, error: expect.stringMatching(/^reason:/) });
  });

  it('reopens the finding when the exception expires, and never rewrites past results', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-LOG-002', status: 'fail', severity: 'medium' }]);
    const finding = await findingOf(instance.id, 'RED-LOG-002');
    const requested = await requestException(engineer, { findingId: finding.id, reason: 'log shipping replaced next quarter', compensatingControl: 'host auditd', expiresAt: daysAfter(t0, 10).toISOString() }, t0);
    if (!requested.ok) throw new Error(requested.error);
    expect(await decideException(officer, { exceptionId: requested.exceptionId, decision: 'approve' }, t0)).toMatchObject({ ok: true });
    // A failing scan under the exception keeps it accepted.
    await storeScan(orgId, instance.id, daysAfter(t0, 5), [{ controlId: 'RED-LOG-002', status: 'fail', severity: 'medium' }]);
    expect((await findingOf(instance.id, 'RED-LOG-002')).state).toBe('risk_accepted');
    const resultsBefore = await db().controlResult.findMany({ where: { instanceId: instance.id }, orderBy: { evaluatedAt: 'asc' } });

    expect(await expireRiskExceptions(daysAfter(t0, 9))).toBe(0);
    const openedBefore = await outbox('finding.opened');
    expect(await expireRiskExceptions(daysAfter(t0, 11))).toBe(1);
    expect(await expireRiskExceptions(daysAfter(t0, 12))).toBe(0);
    expect((await findingOf(instance.id, 'RED-LOG-002')).state).toBe('reopened');
    expect((await db().riskException.findUniqueOrThrow({ where: { id: requested.exceptionId } })).status).toBe('expired');
    expect((await outbox('finding.opened')) - openedBefore).toBe(1);
    const resultsAfter = await db().controlResult.findMany({ where: { instanceId: instance.id }, orderBy: { evaluatedAt: 'asc' } });
    expect(resultsAfter).toEqual(resultsBefore);
    expect(resultsAfter.map((r) => r.status)).toEqual(['fail', 'fail']);
  });
});

describe(`overdue on ${TEST_ENGINE}`, () => {
  it('lists overdue findings and notifies each once', async () => {
    const org = (await createOrganization()).id;
    await db().webhookEndpoint.create({ data: { organizationId: org, url: 'http://127.0.0.1:9/hook', description: '', events: ['finding.overdue'], secretCiphertext: 'unused' } });
    const instance = await createInstance(org);
    await storeScan(org, instance.id, t0, [{ controlId: 'RED-AUTH-001', status: 'fail', severity: 'critical' }, { controlId: 'RED-CFG-005', status: 'fail', severity: 'low' }]);
    const at = daysAfter(t0, 8);
    const overdue = await listFindings(org, { overdue: 'yes' }, at);
    expect(overdue.map((f) => f.controlId)).toEqual(['RED-AUTH-001']);
    await notifyOverdueFindings(at);
    await notifyOverdueFindings(at);
    expect(await db().webhookDelivery.count({ where: { organizationId: org, event: 'finding.overdue' } })).toBe(1);
  });
});
