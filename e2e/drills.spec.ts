// Drills, rotations and records journeys on the demo organisation: an engineer runs the hardened
// instance's automated drill (a real RDB restored into a sandbox) and records the runbook review; an
// officer sees which instances have no current drill, records a BAA with its document and downloads
// it (hash and audit entry checked); an engineer records a rotation; an auditor reads everything and
// can change nothing.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';
import { E2E_DB_FILE } from './support/state';

function one<T>(query: string, ...args: unknown[]): T | undefined {
  const dbh = new Database(E2E_DB_FILE, { readonly: true });
  try {
    return dbh.prepare(query).get(...args) as T | undefined;
  } finally {
    dbh.close();
  }
}

test('an engineer runs the automated drill of the hardened instance and reviews the runbook', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/drills');
  const row = page.getByTestId('drill-instance-row').filter({ hasText: 'demo-hardened' });
  await expect(row).toContainText('dump.rdb');
  await row.getByRole('button', { name: 'Run drill now' }).click();
  await expect(row.getByRole('status')).toContainText('Drill passed', { timeout: 60_000 });
  await page.reload();
  const history = page.getByTestId('drill-history-row').filter({ hasText: 'demo-hardened' }).first();
  await expect(history).toContainText('pass');
  await expect(history).toContainText('40 / 40');
  await expect(history).toContainText('automated by engineer@demo.local');
  await expect(page.getByTestId('drill-instance-row').filter({ hasText: 'demo-hardened' })).toContainText('current');
  await expect(page.getByRole('img', { name: /^RTO: latest/ }).first()).toBeVisible();

  await history.getByLabel('Runbook URL').fill('https://runbooks.example/redis-restore');
  await history.getByRole('button', { name: 'Runbook reviewed' }).click();
  // The saved review replaces the form with its date.
  await expect(history).toContainText(`reviewed ${new Date().toISOString().slice(0, 10)}`);
  const drill = one<{ runbookReviewedAt: string | null; restoreEnvironment: string }>(`SELECT runbookReviewedAt, restoreEnvironment FROM "BackupDrill" ORDER BY startedAt DESC LIMIT 1`);
  expect(drill?.runbookReviewedAt).toBeTruthy();
  expect(drill?.restoreEnvironment).toBe('drill-sandbox');
});

test('a bad backup path is explained on the field and the typed path is kept', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/drills');
  const row = page.getByTestId('drill-instance-row').filter({ hasText: 'demo-insecure-defaults' });
  await row.getByText('Configure backup location').click();
  const form = row.getByRole('form', { name: 'Drill schedule of demo-insecure-defaults' });
  await form.getByLabel(/^Backup path/).fill('/nowhere/dump.rdb');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(form.getByRole('alert')).toContainText('backupPath: the app cannot read /nowhere/dump.rdb');
  await expect(form.getByLabel(/^Backup path/)).toHaveValue('/nowhere/dump.rdb');
});

test('an officer sees overdue drills, records a BAA with its document and downloads it', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/drills');
  await expect(page.getByTestId('drill-instance-row').filter({ hasText: 'demo-insecure-defaults' })).toContainText('no passing drill');
  await expect(page.getByRole('button', { name: 'Run drill now' })).toHaveCount(0);

  await page.goto('/records');
  const form = page.getByRole('form', { name: 'Record a process record' });
  await form.getByLabel('Kind').selectOption({ label: 'Business Associate Agreement' });
  await form.getByLabel('Title').fill('AWS Business Associate Addendum');
  await form.getByLabel('Approved on').fill(new Date().toISOString().slice(0, 10));
  await form.locator('select[name="provider"]').selectOption('aws');
  await form.getByLabel('Services listed').fill('ElastiCache');
  const document = Buffer.from('%PDF-1.4 demo business associate addendum\n');
  await form.getByLabel(/^Document/).setInputFiles({ name: 'aws-baa.pdf', mimeType: 'application/pdf', buffer: document });
  await form.getByRole('button', { name: 'Save record' }).click();
  await expect(form.getByRole('status')).toContainText('Record saved with its document');

  const row = page.getByTestId('record-row').filter({ hasText: 'AWS Business Associate Addendum' });
  await expect(row).toContainText('current');
  const sha = createHash('sha256').update(document).digest('hex');
  await expect(row).toContainText(`sha256 ${sha.slice(0, 16)}`);
  const download = await page.request.get((await row.getByRole('link', { name: 'aws-baa.pdf' }).getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body())).toEqual(document);
  expect(download.headers()['content-disposition']).toContain('attachment');
  const audit = one<{ outcome: string }>(`SELECT outcome FROM "AuditLogEntry" WHERE action = 'attachment.download' ORDER BY seq DESC LIMIT 1`);
  expect(audit?.outcome).toBe('success');
});

test('a record the server refuses is explained and the typed input kept', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/records');
  const form = page.getByRole('form', { name: 'Record a process record' });
  await form.getByLabel('Kind').selectOption({ label: 'Disaster recovery plan' });
  await form.getByLabel('Title').fill('Plan that expired before it was approved');
  await form.getByLabel('Approved on').fill('2026-03-01');
  await form.getByLabel(/^Expires on/).fill('2026-02-01');
  await form.getByLabel('RTO target (minutes)').fill('60');
  await form.getByLabel('RPO target (minutes)').fill('240');
  await form.getByLabel(/^Failover and restore procedure/).fill('https://runbooks.example/redis');
  await form.getByRole('button', { name: 'Save record' }).click();
  await expect(form.getByRole('alert')).toHaveText('expiresAt: must be after approvedAt.');
  await expect(form.getByLabel('Title')).toHaveValue('Plan that expired before it was approved');
});

test('an engineer records a rotation the scans cannot see', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/rotations');
  await expect(page.getByTestId('rotation-due-row').filter({ hasText: 'demo-hardened' }).first()).toBeVisible();
  const form = page.getByRole('form', { name: 'Record a rotation' });
  await form.getByLabel('Kind').selectOption({ label: 'client certificate' });
  await form.getByLabel(/^What was rotated/).fill('client certificate billing-api');
  await form.getByLabel(/^Rotated at/).fill(new Date(Date.now() - 3_600_000).toISOString().slice(0, 16));
  await form.getByLabel(/^Instance/).selectOption({ label: 'demo-hardened' });
  await form.getByRole('button', { name: 'Record rotation' }).click();
  await expect(form.getByRole('status')).toContainText('Rotation recorded');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Rotations of demo-hardened' }).getByTestId('rotation-entry').first()).toContainText('client certificate billing-api');
});

test('an auditor reads drills, rotations and records but gets no forms', async ({ page }) => {
  await signInAs(page, 'auditor');
  for (const [path, heading] of [
    ['/drills', 'Restore drills'],
    ['/rotations', 'Key and credential rotations'],
    ['/records', 'Process records'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    for (const action of ['Run drill now', 'Save schedule', 'Record drill', 'Runbook reviewed', 'Record rotation', 'Save record']) {
      await expect(page.getByRole('button', { name: action }), `${path}: ${action}`).toHaveCount(0);
    }
  }
  const runbook = page.getByTestId('record-row').filter({ hasText: 'Demo fleet disaster recovery plan' }).getByRole('link', { name: 'demo-runbook.md' });
  const response = await page.request.get((await runbook.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('restore runbook');
});
