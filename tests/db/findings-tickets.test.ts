// Remediation tickets: grouping findings, history, and the refusal to close while findings fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import type { ActingUser } from '@/lib/findings/acting-user';
import { changeTicketStatus } from '@/lib/tickets/change-ticket-status';
import { createTicket } from '@/lib/tickets/create-ticket';
import { findTicket } from '@/lib/tickets/list-tickets';
import { assignTicket, changeTicketFindings, commentOnTicket } from '@/lib/tickets/update-ticket';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { createInstance, createStaff, daysAfter, storeScan } from '../findings/support';

let tdb: TestDatabase;
let orgId: string;
let engineer: ActingUser;
const t0 = new Date('2026-04-01T00:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  engineer = await createStaff(orgId, 'engineer');
  await db().webhookEndpoint.create({ data: { organizationId: orgId, url: 'http://127.0.0.1:9/hook', description: '', events: ['ticket.changed'], secretCiphertext: 'unused' } });
});
afterAll(async () => tdb?.drop());

describe(`tickets on ${TEST_ENGINE}`, () => {
  it('groups findings, keeps history and refuses to close while a finding still fails', async () => {
    const instance = await createInstance(orgId, 'billing-cache');
    await storeScan(orgId, instance.id, t0, [
      { controlId: 'RED-TLS-001', status: 'fail', severity: 'critical' },
      { controlId: 'RED-TLS-002', status: 'fail', severity: 'high' },
    ]);
    const findings = await db().finding.findMany({ where: { instanceId: instance.id }, orderBy: { controlId: 'asc' } });
    const created = await createTicket(engineer, { title: 'Turn on TLS for billing-cache', findingIds: findings.map((f) => f.id), assigneeId: engineer.id });
    if (!created.ok) throw new Error(created.error);
    // Due date defaults to the earliest finding due date (critical: 7 days).
    const ticket = await db().ticket.findUniqueOrThrow({ where: { id: created.ticketId } });
    expect(ticket.dueAt).toEqual(daysAfter(t0, 7));

    const duplicate = await createTicket(engineer, { title: 'Again', findingIds: [findings[0].id] });
    expect(duplicate).toMatchObject({ ok: false, error: expect.stringMatching(/already on the open ticket/) });

    expect(await changeTicketStatus(engineer, { ticketId: ticket.id, status: 'in_progress' })).toEqual({ ok: true });
    expect(await commentOnTicket(engineer, { ticketId: ticket.id, comment: 'certificates requested' })).toEqual({ ok: true });

    const refused = await changeTicketStatus(engineer, { ticketId: ticket.id, status: 'closed' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatch(/cannot be closed: 2 findings have not been resolved/);
      expect(refused.error).toMatch(/RED-TLS-001 on billing-cache \(open, last scan: fail\)/);
    }

    // One passes, the other can no longer be evaluated: still refused, naming the unverified one.
    await storeScan(orgId, instance.id, daysAfter(t0, 2), [
      { controlId: 'RED-TLS-001', status: 'pass', severity: 'critical' },
      { controlId: 'RED-TLS-002', status: 'error', severity: 'high' },
    ]);
    const stillRefused = await changeTicketStatus(engineer, { ticketId: ticket.id, status: 'closed' });
    expect(stillRefused).toMatchObject({ ok: false, error: expect.stringMatching(/RED-TLS-002 on billing-cache \(open, not verified since 2026-04-01\)/) });

    await storeScan(orgId, instance.id, daysAfter(t0, 3), [{ controlId: 'RED-TLS-002', status: 'pass', severity: 'high' }]);
    expect(await changeTicketStatus(engineer, { ticketId: ticket.id, status: 'closed' })).toEqual({ ok: true });

    const detail = (await findTicket(orgId, ticket.id))!;
    expect(detail.status).toBe('closed');
    expect(detail.events.map((e) => e.kind)).toEqual(['created', 'status_change', 'comment', 'close_refused', 'close_refused', 'status_change']);
    expect(await db().webhookDelivery.count({ where: { organizationId: orgId, event: 'ticket.changed' } })).toBe(4);
  });

  it('adds and removes findings, keeps one, and assigns only staff', async () => {
    const instance = await createInstance(orgId);
    await storeScan(orgId, instance.id, t0, [{ controlId: 'RED-AUTH-001', status: 'fail' }, { controlId: 'RED-ACL-002', status: 'fail' }]);
    const [a, b] = await db().finding.findMany({ where: { instanceId: instance.id } });
    const created = await createTicket(engineer, { title: 'Auth', findingIds: [a.id] });
    if (!created.ok) throw new Error(created.error);
    expect(await changeTicketFindings(engineer, { ticketId: created.ticketId, findingId: a.id, action: 'remove' })).toMatchObject({ ok: false, error: expect.stringMatching(/at least one finding/) });
    expect(await changeTicketFindings(engineer, { ticketId: created.ticketId, findingId: b.id, action: 'add' })).toEqual({ ok: true });
    expect(await changeTicketFindings(engineer, { ticketId: created.ticketId, findingId: a.id, action: 'remove' })).toEqual({ ok: true });
    expect((await db().finding.findUniqueOrThrow({ where: { id: a.id } })).ticketId).toBeNull();
    const auditor = await createStaff(orgId, 'auditor');
    expect(await assignTicket(engineer, { ticketId: created.ticketId, assigneeId: auditor.id })).toMatchObject({ ok: false });
    expect(await createTicket(engineer, { title: 'x', findingIds: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/^title:|^findingIds:/) });
  });
});
