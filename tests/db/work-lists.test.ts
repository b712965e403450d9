// The findings, tickets, schedules and evidence-package lists on a real database (SQLite, or
// PostgreSQL with TEST_DATABASE_ENGINE=postgresql): filters, sorting, paging and organisation
// scoping, all done by the query (what the list pages and their JSON APIs show).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_IDS } from '@/lib/controls/catalog';
import { SEVERITIES } from '@/lib/controls/types';
import { db } from '@/lib/db/client';
import { listEvidencePackagesPage, packagesQuerySchema } from '@/lib/evidence/list-evidence-packages';
import { toPeriod } from '@/lib/evidence/period';
import { periodAccessDecision, type WindowHolder } from '@/lib/evidence/period-access';
import { findingsQuerySchema, listFindings, listFindingsPage } from '@/lib/findings/list-findings';
import { parseListQuery } from '@/lib/paging/page-query';
import { listSchedulesPage, schedulesQuerySchema } from '@/lib/scheduler/list-schedules';
import { listTicketsPage, ticketsQuerySchema } from '@/lib/tickets/list-tickets';
import type { ActingUser } from '@/lib/findings/acting-user';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { createInstance, createStaff, DAY } from '../findings/support';

const NOW = new Date('2026-03-10T12:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const [C0, C1, C2, C3] = CONTROL_IDS;

let tdb: TestDatabase;
let orgId: string;
let otherOrgId: string;
let engineer: ActingUser;
let officer: ActingUser;
const f: Record<string, string> = {};
const t: Record<string, string> = {};
const inst: Record<string, string> = {};

async function finding(key: string, organizationId: string, instanceId: string, controlId: string, severity: string, state: string, dueInDays: number, extra: { assigneeId?: string; ticketId?: string } = {}) {
  const row = await db().finding.create({
    data: { organizationId, instanceId, controlId, severity, state, firstDetectedAt: days(-30), lastDetectedAt: days(-1), dueAt: days(dueInDays), lastStatus: 'fail', ...extra },
  });
  f[key] = row.id;
}

async function ticket(key: string, organizationId: string, title: string, status: string, dueInDays: number | null, assigneeId: string | null, createdById: string) {
  t[key] = (await db().ticket.create({ data: { organizationId, title, description: 'd', status, dueAt: dueInDays === null ? null : days(dueInDays), assigneeId, createdById } })).id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  otherOrgId = (await createOrganization()).id;
  engineer = await createStaff(orgId, 'engineer', 'erin engineer');
  officer = await createStaff(orgId, 'officer', 'olga officer');
  const stranger = await createStaff(otherOrgId, 'engineer');
  inst.alpha = (await createInstance(orgId, 'alpha-cache')).id;
  inst.beta = (await createInstance(orgId, 'beta-cache')).id;
  inst.gamma = (await createInstance(orgId, 'gamma-cache')).id;
  const foreign = (await createInstance(otherOrgId, 'alpha-cache')).id;

  await ticket('fix', orgId, 'Fix plaintext port', 'open', -1, engineer.id, officer.id);
  await ticket('progress', orgId, 'Harden ACL users', 'in_progress', null, null, officer.id);
  await ticket('closed', orgId, 'Old audit', 'closed', -5, engineer.id, officer.id);
  await ticket('tls', orgId, 'Rotate TLS certificates', 'open', 3, officer.id, officer.id);
  await ticket('foreign', otherOrgId, 'Fix plaintext port', 'open', -9, stranger.id, stranger.id);

  await finding('f1', orgId, inst.alpha, C0, 'critical', 'open', -2, { assigneeId: engineer.id, ticketId: t.fix });
  await finding('f2', orgId, inst.alpha, C1, 'high', 'acknowledged', 5);
  await finding('f3', orgId, inst.beta, C0, 'low', 'in_remediation', -1, { assigneeId: officer.id });
  await finding('f4', orgId, inst.beta, C2, 'medium', 'resolved', -10, { ticketId: t.fix });
  await finding('f5', orgId, inst.beta, C3, 'critical', 'risk_accepted', 1);
  await finding('f6', orgId, inst.gamma, C1, 'medium', 'reopened', 20);
  await finding('foreign', otherOrgId, foreign, C0, 'critical', 'open', -5, { assigneeId: stranger.id });
  await db().riskException.create({
    data: { findingId: f.f5, requestedById: engineer.id, reason: 'r', compensatingControl: 'c', expiresAt: days(30), status: 'approved', approvedById: officer.id, decidedAt: days(-1) },
  });
});
afterAll(async () => tdb?.drop());

const findings = async (params: Record<string, string> = {}, viewer = engineer.id) => listFindingsPage(orgId, findingsQuerySchema.parse(params), viewer, NOW);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const keysOf = (rows: { id: string }[], of: Record<string, string>) => rows.map((r) => Object.keys(of).find((k) => of[k] === r.id));

describe(`findings list on ${TEST_ENGINE}`, () => {
  it('lists active findings of the organisation, earliest due first, with what the row shows', async () => {
    const page = await findings();
    expect(keysOf(page.rows, f)).toEqual(['f1', 'f3', 'f2', 'f6']);
    expect(page).toMatchObject({ total: 4, page: 1, size: 25 });
    const [first] = page.rows;
    expect(first).toMatchObject({ controlId: C0, severity: 'critical', state: 'open', overdue: true, instance: { id: inst.alpha, name: 'alpha-cache' }, assignee: { id: engineer.id }, ticket: { id: t.fix, title: 'Fix plaintext port' } });
    expect(page.rows.find((r) => r.id === f.f2)).toMatchObject({ overdue: false, assignee: null, ticket: null });
  });

  it('filters by state, severity, control, instance, instance name, assignee and overdue', async () => {
    expect(keysOf((await findings({ state: 'all' })).rows, f).sort()).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    expect(keysOf((await findings({ state: 'risk_accepted' })).rows, f)).toEqual(['f5']);
    expect(keysOf((await findings({ severity: 'critical' })).rows, f)).toEqual(['f1']);
    expect(keysOf((await findings({ control: C0 })).rows, f)).toEqual(['f1', 'f3']);
    expect(keysOf((await findings({ state: 'all', instanceId: inst.beta })).rows, f)).toEqual(['f4', 'f3', 'f5']);
    expect(keysOf((await findings({ q: 'GAMMA' })).rows, f)).toEqual(['f6']);
    expect(keysOf((await findings({ assigneeId: 'me' })).rows, f)).toEqual(['f1']);
    expect(keysOf((await findings({ assigneeId: 'me' }, officer.id)).rows, f)).toEqual(['f3']);
    expect(keysOf((await findings({ assigneeId: 'none' })).rows, f)).toEqual(['f2', 'f6']);
    expect(keysOf((await findings({ assigneeId: officer.id })).rows, f)).toEqual(['f3']);
    // Overdue = active and past due: the resolved f4 is past due but not overdue.
    expect(keysOf((await findings({ overdue: 'yes', state: 'all' })).rows, f)).toEqual(['f1', 'f3']);
    expect(keysOf((await findings({ overdue: 'yes', state: 'in_remediation' })).rows, f)).toEqual(['f3']);
    expect((await findings({ overdue: 'yes', state: 'resolved' })).total).toBe(0);
  });

  it('sorts by severity rank (not alphabetically), control, instance, state and assignee', async () => {
    expect(keysOf((await findings({ state: 'all', sort: 'severity', dir: 'desc' })).rows, f)).toEqual(['f1', 'f5', 'f2', 'f4', 'f6', 'f3']);
    expect(keysOf((await findings({ state: 'all', sort: 'severity', dir: 'asc' })).rows, f)).toEqual(['f3', 'f4', 'f6', 'f2', 'f1', 'f5']);
    expect(keysOf((await findings({ state: 'all', sort: 'instance' })).rows, f)).toEqual(['f1', 'f2', 'f4', 'f3', 'f5', 'f6']);
    expect(keysOf((await findings({ state: 'all', sort: 'instance', dir: 'desc' })).rows, f)).toEqual(['f6', 'f4', 'f3', 'f5', 'f1', 'f2']);
    const byControl = (await findings({ state: 'all', sort: 'control' })).rows.map((r) => r.controlId);
    expect(byControl).toEqual([...byControl].sort());
    expect((await findings({ state: 'all', sort: 'state' })).rows.map((r) => r.state)).toEqual(['acknowledged', 'in_remediation', 'open', 'reopened', 'resolved', 'risk_accepted']);
    const assigned = (await findings({ state: 'all', sort: 'assignee', dir: 'desc' })).rows.filter((r) => r.assignee);
    expect(assigned.map((r) => r.assignee!.name)).toEqual(['olga officer', 'erin engineer']);
  });

  it('shows an approved exception and never another organisation’s findings', async () => {
    expect((await findings({ state: 'risk_accepted' })).rows[0].exceptionUntil).toEqual(days(30));
    const everything = await findings({ state: 'all', size: '100' });
    expect(ids(everything.rows)).not.toContain(f.foreign);
    expect((await listFindingsPage(otherOrgId, findingsQuerySchema.parse({}), engineer.id, NOW)).rows.map((r) => r.id)).toEqual([f.foreign]);
    expect(ids(await listFindings(orgId, { instanceId: inst.alpha }, NOW))).toEqual([f.f1, f.f2]);
  });

  it('pages in the database, also across severity segments, and shows the last page for one past the end', async () => {
    const paging = (await createOrganization()).id;
    const instance = await createInstance(paging, 'paging-cache');
    for (let i = 0; i < 23; i++) await finding(`p${i}`, paging, instance.id, CONTROL_IDS[i], SEVERITIES[i % 4], 'open', i);
    const order = [0, 1, 2, 3].flatMap((s) => Array.from({ length: 23 }, (_, i) => i).filter((i) => i % 4 === s)).map((i) => f[`p${i}`]);
    const pages = [];
    for (const page of ['1', '2', '3']) pages.push(await listFindingsPage(paging, findingsQuerySchema.parse({ sort: 'severity', dir: 'desc', size: '10', page }), engineer.id, NOW));
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 3]);
    expect(pages.flatMap((p) => ids(p.rows))).toEqual(order);
    expect(pages.every((p) => p.total === 23)).toBe(true);
    const past = await listFindingsPage(paging, findingsQuerySchema.parse({ size: '10', page: '9' }), engineer.id, NOW);
    expect(past.page).toBe(3);
    expect(ids(past.rows)).toEqual([20, 21, 22].map((i) => f[`p${i}`]));
  });

  it('names bad parameters and keeps the ones it understood', () => {
    const parsed = parseListQuery(findingsQuerySchema, { severity: 'urgent', state: 'open', control: 'NOPE', sort: 'colour' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toContain('severity must be one of critical, high, medium, low');
    expect(parsed.problem).toContain('control must be a catalog control id');
    expect(parsed.problem).toContain('sort must be one of due, severity, control, instance, state, assignee');
    expect(parsed.query).toMatchObject({ state: 'open', sort: 'due' });
    expect(parsed.query.severity).toBeUndefined();
  });
});

describe(`tickets list on ${TEST_ENGINE}`, () => {
  const tickets = async (params: Record<string, string> = {}, viewer = engineer.id) => listTicketsPage(orgId, ticketsQuerySchema.parse(params), viewer, NOW);

  it('lists open and in-progress tickets, earliest due first and undated last, with finding counts', async () => {
    const page = await tickets();
    expect(keysOf(page.rows, t)).toEqual(['fix', 'tls', 'progress']);
    expect(page.rows[0]).toMatchObject({ title: 'Fix plaintext port', status: 'open', overdue: true, findings: 2, unresolvedFindings: 1, assignee: { id: engineer.id } });
    expect(page.rows[2]).toMatchObject({ dueAt: null, overdue: false, findings: 0, assignee: null });
  });

  it('filters by status, overdue, title and assignee, within the organisation', async () => {
    expect(keysOf((await tickets({ status: 'closed' })).rows, t)).toEqual(['closed']);
    expect((await tickets({ status: 'all' })).total).toBe(4);
    expect(keysOf((await tickets({ overdue: 'yes', status: 'all' })).rows, t)).toEqual(['fix']);
    expect((await tickets({ overdue: 'yes', status: 'closed' })).total).toBe(0);
    expect(keysOf((await tickets({ q: 'tls' })).rows, t)).toEqual(['tls']);
    expect(keysOf((await tickets({ assigneeId: 'me', status: 'all' })).rows, t)).toEqual(['closed', 'fix']);
    expect(keysOf((await tickets({ assigneeId: 'none' })).rows, t)).toEqual(['progress']);
    expect(keysOf((await tickets({ q: 'plaintext', status: 'all' })).rows, t)).toEqual(['fix']);
  });

  it('sorts by title, finding count and creation', async () => {
    expect(keysOf((await tickets({ status: 'all', sort: 'title' })).rows, t)).toEqual(['fix', 'progress', 'closed', 'tls']);
    expect(keysOf((await tickets({ status: 'all', sort: 'findings', dir: 'desc' })).rows, t)[0]).toBe('fix');
    expect(parseListQuery(ticketsQuerySchema, { status: 'done' })).toMatchObject({ ok: false, problem: 'status must be one of active, all, open, in_progress, closed' });
  });
});

describe(`schedules list on ${TEST_ENGINE}`, () => {
  beforeAll(async () => {
    const run = await db().scanRun.create({ data: { organizationId: orgId, trigger: 'schedule', scope: {}, status: 'succeeded', errors: [{ instance: 'x', error: 'y' }], startedAt: days(-1), finishedAt: new Date(days(-1).getTime() + 90_000) } });
    await db().schedule.createMany({
      data: [
        { organizationId: orgId, name: 'nightly', cron: '0 3 * * *', targetType: 'all', nextRunAt: days(1), lastRunAt: days(-1), lastRunId: run.id },
        { organizationId: orgId, name: 'weekly tagged', cron: '0 4 * * 1', targetType: 'tag', targetRef: 'env=prod', enabled: false },
        { organizationId: orgId, name: 'hourly alpha', cron: '0 * * * *', targetType: 'instance', targetRef: inst.alpha, nextRunAt: days(0.01) },
        { organizationId: otherOrgId, name: 'nightly', cron: '0 3 * * *', targetType: 'all' },
      ],
    });
  });
  const schedules = async (params: Record<string, string> = {}) => listSchedulesPage(orgId, schedulesQuerySchema.parse(params), NOW);

  it('lists the organisation’s schedules by name with target, next and last run', async () => {
    const page = await schedules();
    expect(page.rows.map((s) => s.name)).toEqual(['hourly alpha', 'nightly', 'weekly tagged']);
    expect(page.rows.map((s) => s.target)).toEqual(['instance alpha-cache', 'all self-hosted instances', 'tag env=prod']);
    expect(page.rows[1]).toMatchObject({ lastRun: { status: 'succeeded', trigger: 'schedule', durationMs: 90_000, errors: 1 } });
    expect(page.rows[1].nextRunAt).toEqual(new Date('2026-03-11T03:00:00Z'));
    expect(page.rows[2]).toMatchObject({ enabled: false, nextRunAt: null, lastRun: null });
  });

  it('filters by name, state and target type and sorts by next run (disabled last)', async () => {
    expect((await schedules({ q: 'NIGHT' })).rows.map((s) => s.name)).toEqual(['nightly']);
    expect((await schedules({ enabled: 'no' })).rows.map((s) => s.name)).toEqual(['weekly tagged']);
    expect((await schedules({ target: 'instance' })).rows.map((s) => s.name)).toEqual(['hourly alpha']);
    expect((await schedules({ sort: 'next' })).rows.map((s) => s.name)).toEqual(['hourly alpha', 'nightly', 'weekly tagged']);
    expect((await schedules({ sort: 'name', dir: 'desc', size: '10' })).total).toBe(3);
  });
});

describe(`evidence packages list on ${TEST_ENGINE}`, () => {
  const periods = [
    ['2026-01-01', '2026-01-31'],
    ['2026-02-01', '2026-02-28'],
    ['2026-02-10', '2026-03-05'],
    ['2026-03-01', '2026-03-09'],
  ] as const;
  beforeAll(async () => {
    for (const [i, [from, to]] of periods.entries()) {
      const period = toPeriod(from, to);
      await db().evidencePackage.create({
        data: { organizationId: orgId, periodFrom: period.start, periodTo: period.endExclusive, scope: {}, status: i === 3 ? 'failed' : 'ready', requestedById: officer.id, createdAt: days(i - 10) },
      });
    }
    const period = toPeriod('2026-02-01', '2026-02-28');
    await db().evidencePackage.create({ data: { organizationId: otherOrgId, periodFrom: period.start, periodTo: period.endExclusive, scope: {}, requestedById: officer.id } });
  });
  const packages = (viewer: WindowHolder, params: Record<string, string> = {}) => listEvidencePackagesPage(orgId, viewer, packagesQuerySchema.parse(params));
  const staff: WindowHolder = { role: 'officer', validFrom: null, validUntil: null };

  it('lists the organisation’s packages newest first, filtered by status and sorted by period', async () => {
    const page = await packages(staff);
    expect(page.rows.map((p) => p.period.from)).toEqual(['2026-03-01', '2026-02-10', '2026-02-01', '2026-01-01']);
    expect(page.rows[0]).toMatchObject({ status: 'failed', requestedBy: officer.email, scope: 'all instances of the organisation' });
    expect((await packages(staff, { status: 'failed' })).total).toBe(1);
    expect((await packages(staff, { sort: 'period', dir: 'asc' })).rows.map((p) => p.period.to)).toEqual(['2026-01-31', '2026-02-28', '2026-03-05', '2026-03-09']);
  });

  it('shows an auditor exactly the packages their window allows them to download', async () => {
    const windows: WindowHolder[] = [
      { role: 'auditor', validFrom: new Date('2026-02-01T00:00:00Z'), validUntil: new Date('2026-03-05T23:59:59.999Z') },
      { role: 'auditor', validFrom: null, validUntil: new Date('2026-02-28T23:59:59.999Z') },
      { role: 'auditor', validFrom: new Date('2026-02-01T00:00:01Z'), validUntil: new Date('2026-03-10T00:00:00Z') },
      { role: 'auditor', validFrom: null, validUntil: null },
    ];
    for (const window of windows) {
      const listed = (await packages(window)).rows.map((p) => p.period.from);
      const allowed = periods.filter(([from, to]) => periodAccessDecision(window, toPeriod(from, to)).allowed).map(([from]) => from);
      expect(listed.sort()).toEqual(allowed.sort());
    }
    expect((await packages(windows[0])).rows.map((p) => p.period.from).sort()).toEqual(['2026-02-01', '2026-02-10']);
  });
});
