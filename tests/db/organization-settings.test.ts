import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { organizationThresholds } from '@/lib/scan-runs/organization-thresholds';
import { readOrganizationSettings, updateOrganizationSettings } from '@/lib/settings/update-organization-settings';
import { createOrganization } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';

let tdb: TestDatabase;
let orgId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  orgId = (await createOrganization()).id;
});
afterAll(async () => tdb?.drop());

describe(`organisation settings on ${TEST_ENGINE}`, () => {
  it('refuse unknown threshold names and bad values with the reason, and save nothing', async () => {
    const actor = { organizationId: orgId, email: 'officer@example.test' };
    const typo = await updateOrganizationSettings(actor, 'thresholds:\n  certExpiryWarningDay: 45\n');
    expect(typo).toEqual({ ok: false, error: expect.stringContaining('unknown key "certExpiryWarningDay"') });
    const bad = await updateOrganizationSettings(actor, 'security:\n  idleTimeoutMinutes: 0\n');
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('security.idleTimeoutMinutes') });
    expect(await updateOrganizationSettings(actor, 'thresholds: [')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid YAML/) });
    expect((await readOrganizationSettings(orgId)).thresholds).toEqual({});
  });

  it('save valid thresholds that the next scan uses, and audit which keys changed', async () => {
    const actor = { organizationId: orgId, email: 'officer@example.test' };
    const result = await updateOrganizationSettings(actor, 'thresholds:\n  certExpiryWarningDays: 45\n  backupRetentionMinDays: 35\nsecurity:\n  idleTimeoutMinutes: 10\n');
    expect(result).toEqual({ ok: true, changed: ['thresholds.certExpiryWarningDays', 'thresholds.backupRetentionMinDays', 'security.idleTimeoutMinutes'] });
    const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
    const thresholds = organizationThresholds(org.settings);
    expect([thresholds.certExpiryWarningDays, thresholds.backupRetentionMinDays, thresholds.drillMaxAgeDays]).toEqual([45, 35, 90]);
    const entry = await db().auditLogEntry.findFirst({ where: { action: 'settings.update' }, orderBy: { seq: 'desc' } });
    expect(entry?.detail).toEqual({ changed: result.ok ? result.changed : [] });
  });
});
