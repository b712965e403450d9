// Process records on a real database (both engines): validation naming the field, scope checks
// within the organisation, versions instead of edits, attachments stored with their SHA-256 and
// size limit, downloads checked and audited, and the control-records loader that feeds RED-PRC-*.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateControls } from '@/lib/controls';
import { parseThresholds } from '@/lib/controls/thresholds';
import type { DrPlanRecord } from '@/lib/controls/types';
import { db } from '@/lib/db/client';
import { attachmentAbsolutePath, ATTACHMENT_MAX_BYTES } from '@/lib/records/attachment-storage';
import { createProcessRecord } from '@/lib/records/create-process-record';
import { listProcessRecords } from '@/lib/records/list-process-records';
import { loadControlRecords } from '@/lib/records/load-control-records';
import { openAttachment } from '@/lib/records/open-attachment';
import { recordManualRotation } from '@/lib/rotations/record-manual-rotation';
import { hardenedFacts } from '../controls/fixtures';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;
let officer: { id: string; email: string; organizationId: string };
let reviewerId: string;
let instance: { id: string; organizationId: string; connectionId: string | null };
let otherInstance: { id: string; organizationId: string; connectionId: string | null };

const NOW = new Date();
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const drPlan = (extra: Record<string, unknown> = {}) => ({
  kind: 'dr_plan',
  scopeType: 'instance',
  scopeId: instance.id,
  title: 'Sessions cache DR plan',
  reviewerId,
  approvedAt: day(-10),
  rtoTargetMinutes: '60',
  rpoTargetMinutes: '240',
  procedure: 'https://runbooks.example/redis',
  ...extra,
});
const pdf = (size = 2048) => ({ name: 'signed plan.pdf', type: 'application/pdf', bytes: new Uint8Array(size).fill(37) });

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
  const o = await createUserWithPassword(orgId, 'officer', 'a-long-test-passphrase');
  officer = { id: o.id, email: o.email, organizationId: orgId };
  reviewerId = (await createUserWithPassword(orgId, 'admin', 'a-long-test-passphrase')).id;
  const connection = await db().connection.create({ data: { organizationId: orgId, kind: 'self', name: 'sessions', config: {} } });
  const make = (name: string, connectionId: string | null) =>
    db().instance.create({ data: { organizationId: orgId, connectionId, provider: 'self', platform: 'self', resourceId: `redis://${name}:6379`, name, tags: {} } });
  instance = await make('sessions', connection.id);
  otherInstance = await make('billing', null);
});

afterAll(async () => {
  await tdb?.drop();
});

describe(`process records on ${TEST_ENGINE}`, () => {
  it('refuses bad input with the field and what to enter', async () => {
    expect(await createProcessRecord(officer, drPlan({ rtoTargetMinutes: 'soon' }), null)).toEqual({ ok: false, error: 'RTO target (minutes): enter a number' });
    expect(await createProcessRecord(officer, drPlan({ procedure: '' }), null)).toMatchObject({ ok: false, error: expect.stringMatching(/^Failover and restore procedure.*: required/) });
    expect(await createProcessRecord(officer, drPlan({ approvedAt: '03/01/2026' }), null)).toMatchObject({ ok: false, error: expect.stringMatching(/^approvedAt: enter a date as YYYY-MM-DD/) });
    expect(await createProcessRecord(officer, drPlan({ kind: 'napkin' }), null)).toMatchObject({ ok: false, error: expect.stringMatching(/^kind: choose one of the record kinds/) });
    expect(await createProcessRecord(officer, drPlan({ expiresAt: day(-20) }), null)).toEqual({ ok: false, error: 'expiresAt: must be after approvedAt.' });
    expect(await createProcessRecord(officer, { ...drPlan(), kind: 'access_review', owner: 'x', users: 'app keep' }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/write "app keep" as "user: keep"/) });
  });

  it('only scopes records to instances, connections and reviewers of the organisation', async () => {
    const other = await createOrganization();
    const foreign = await db().instance.create({ data: { organizationId: other.id, provider: 'self', platform: 'self', resourceId: 'redis://foreign:6379', name: 'foreign', tags: {} } });
    expect(await createProcessRecord(officer, drPlan({ scopeId: foreign.id }), null)).toEqual({ ok: false, error: 'scopeId: choose an instance of your organisation.' });
    const stranger = await createUserWithPassword(other.id, 'officer', 'a-long-test-passphrase');
    expect(await createProcessRecord(officer, drPlan({ reviewerId: stranger.id }), null)).toEqual({ ok: false, error: 'reviewerId: choose a reviewer from your organisation.' });
  });

  it('stores the document under the data dir with its SHA-256, and serves it back checked and audited', async () => {
    const file = pdf();
    const created = await createProcessRecord(officer, drPlan(), file);
    if (!created.ok) throw new Error(created.error);
    const row = await db().attachment.findUniqueOrThrow({ where: { id: created.attachmentId! } });
    expect(row).toMatchObject({ ownerType: 'process_record', ownerId: created.recordId, filename: 'signed plan.pdf', mediaType: 'application/pdf', size: 2048, createdById: officer.id });
    expect(row.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    expect(row.storagePath).toBe(`attachments/${orgId}/${row.id}`);
    expect(fs.readFileSync(attachmentAbsolutePath(row.storagePath))).toEqual(Buffer.from(file.bytes));

    const opened = await openAttachment(officer, row.id);
    expect(opened).toMatchObject({ ok: true, filename: 'signed plan.pdf', sha256: row.sha256 });
    const audit = await db().auditLogEntry.findFirstOrThrow({ where: { action: 'attachment.download', targetId: row.id } });
    expect(audit).toMatchObject({ outcome: 'success', actorId: officer.id });

    const other = await createOrganization();
    const stranger = await createUserWithPassword(other.id, 'auditor', 'a-long-test-passphrase');
    expect(await openAttachment({ id: stranger.id, organizationId: other.id }, row.id)).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses a file over the limit and an empty one, before saving anything', async () => {
    const before = await db().processRecord.count();
    expect(await createProcessRecord(officer, drPlan(), pdf(ATTACHMENT_MAX_BYTES + 1))).toMatchObject({ ok: false, error: expect.stringMatching(/^file: .* the limit is 10 MB/) });
    expect(await createProcessRecord(officer, drPlan(), { name: 'empty.pdf', type: 'application/pdf', bytes: new Uint8Array(0) })).toMatchObject({ ok: false, error: expect.stringMatching(/is empty/) });
    expect(await db().processRecord.count()).toBe(before);
  });

  it('refuses to serve a stored file that no longer matches its hash, and audits the refusal', async () => {
    const created = await createProcessRecord(officer, drPlan({ title: 'to be tampered' }), pdf(100));
    if (!created.ok) throw new Error(created.error);
    const row = await db().attachment.findUniqueOrThrow({ where: { id: created.attachmentId! } });
    fs.writeFileSync(attachmentAbsolutePath(row.storagePath), 'altered');
    expect(await openAttachment(officer, row.id)).toMatchObject({ ok: false, status: 500, error: expect.stringMatching(/no longer matches its recorded SHA-256/) });
    expect(await db().auditLogEntry.findFirst({ where: { action: 'attachment.download', targetId: row.id, outcome: 'error' } })).not.toBeNull();
  });

  it('corrects by a new version that supersedes the old one, never by editing it', async () => {
    const first = await createProcessRecord(officer, drPlan({ title: 'plan v1', rpoTargetMinutes: '600' }), null);
    if (!first.ok) throw new Error(first.error);
    const second = await createProcessRecord(officer, drPlan({ title: 'plan v2', supersedesId: first.recordId }), null);
    if (!second.ok) throw new Error(second.error);
    const old = await db().processRecord.findUniqueOrThrow({ where: { id: first.recordId } });
    expect(old.supersededAt).not.toBeNull();
    expect((old.details as { rpoTargetMinutes: number }).rpoTargetMinutes).toBe(600);
    expect(await createProcessRecord(officer, drPlan({ supersedesId: first.recordId }), null)).toMatchObject({ ok: false, error: expect.stringMatching(/already superseded/) });
    expect(await createProcessRecord(officer, { ...drPlan({ supersedesId: second.recordId }), kind: 'alert_routing', events: 'x', channel: 'y' }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/same kind/) });
    const listed = await listProcessRecords(orgId);
    expect(listed.find((r) => r.id === first.recordId)?.status).toBe('superseded');
    expect(listed.find((r) => r.id === second.recordId)).toMatchObject({ status: 'current', scopeLabel: 'instance sessions', reviewer: expect.stringMatching(/^admin-/) });
    expect(await db().auditLogEntry.findFirst({ where: { action: 'record.supersede', targetId: second.recordId } })).not.toBeNull();
  });

  it('loads only current records that cover the instance, typed for the controls', async () => {
    await createProcessRecord(officer, { kind: 'host_hardening', scopeType: 'organization', title: 'Host hardening', approvedAt: day(-5), diskEncryption: 'on', hosts: '10.0.1.5', paths: '/var/lib/redis' }, null);
    await createProcessRecord(officer, { kind: 'key_management', scopeType: 'instance', scopeId: otherInstance.id, title: 'Other instance only', approvedAt: day(-5), secretScanReference: 'x' }, null);
    await createProcessRecord(officer, { kind: 'change_approval', scopeType: 'connection', scopeId: instance.connectionId!, title: 'CHG-1', approvedAt: day(-1), windowStart: `${day(-2)}T10:00`, windowEnd: `${day(-2)}T12:00`, changedFields: 'config maxmemory-policy' }, null);
    const rotation = await recordManualRotation(officer, { kind: 'disk_key', subject: 'data volume key', scopeType: 'organization', rotatedAt: `${day(-3)}T09:00` });
    expect(rotation.ok).toBe(true);
    const records = await loadControlRecords(instance);
    const plans = records.processRecords!.filter((r): r is DrPlanRecord => r.kind === 'dr_plan');
    expect(plans.map((p) => p.claims.rpoTargetMinutes)).not.toContain(600);
    expect(plans[0]).toMatchObject({ scope: { instanceIds: [instance.id] }, claims: { rtoTargetMinutes: 60, rpoTargetMinutes: 240 } });
    expect(records.processRecords!.some((r) => r.kind === 'key_management')).toBe(false);
    expect(records.attestations).toEqual([
      expect.objectContaining({ kind: 'host_hardening', scope: { org: true, hosts: ['10.0.1.5'], paths: ['/var/lib/redis'] }, claims: expect.objectContaining({ diskEncryption: true, shellRestricted: false }) }),
    ]);
    expect(records.changes).toEqual([expect.objectContaining({ changedFields: ['config maxmemory-policy'], windowStart: `${day(-2)}T10:00:00.000Z` })]);
    expect(records.rotations).toEqual([expect.objectContaining({ kind: 'disk_key', subject: 'data volume key', detectedFrom: 'manual' })]);
    expect(records.configBaselineAt).toBeNull();

    // The loaded records decide the controls: the DR plan passes PRC-002, no drill fails PRC-001.
    const thresholds = parseThresholds({});
    if (!thresholds.ok) throw new Error(thresholds.message);
    const results = evaluateControls(hardenedFacts(), { thresholds: thresholds.thresholds, now: NOW, records });
    const status = (id: string) => results.find((r) => r.controlId === id)?.status;
    expect(status('RED-PRC-002')).toBe('pass');
    expect(status('RED-PRC-001')).toBe('fail');
    expect(status('RED-ROT-004')).toBe('pass');
    expect(status('RED-PRC-008')).toBe('fail');
    expect(status('RED-PRC-006')).toBe('not_assessable');
  });

  it('refuses a manual rotation that carries a secret', async () => {
    expect(await recordManualRotation(officer, { kind: 'acl_password', subject: 'user app', scopeType: 'instance', instanceId: instance.id, rotatedAt: day(-1), notes: 'password: hunter2hunter2' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/looks like a secret/),
    });
    expect(await recordManualRotation(officer, { kind: 'acl_password', subject: 'user app', scopeType: 'instance', instanceId: instance.id, rotatedAt: day(2) })).toMatchObject({ ok: false, error: expect.stringMatching(/future/) });
  });
});
