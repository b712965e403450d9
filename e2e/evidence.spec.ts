// Evidence packages in the browser: an auditor signs in, builds a package for a period inside
// their window, downloads it, and the verification page confirms every hash and the signature;
// the download is in the audit log; a period outside the window is refused with the reason.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { demoAccount, signInAs } from './support/auth';
import { E2E_DB_FILE } from './support/state';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('an auditor builds and downloads a package, and it verifies', async ({ page }) => {
  await signInAs(page, 'auditor');
  await page.getByRole('link', { name: 'Evidence', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Evidence packages' })).toBeVisible();
  const fingerprint = (await page.getByTestId('signing-key-fingerprint').textContent())!;
  expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);

  const form = page.getByRole('form', { name: 'Create an evidence package' });
  await form.getByLabel('From (first day, UTC)').fill(day(-6));
  await form.getByLabel('To (last day, included)').fill(day(0));
  await form.getByRole('button', { name: 'Create package' }).click();
  await expect(form.getByRole('status')).toContainText('Building the package');
  const row = page.getByTestId('evidence-package-row').filter({ hasText: `${day(-6)} to ${day(0)}` }).first();
  await expect(row.getByTestId('package-status')).toHaveText('ready', { timeout: 60_000 });

  const downloading = page.waitForEvent('download');
  await row.getByRole('link', { name: /^Download/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^evidence-demo-${day(-6)}-to-${day(0)}-.+\\.zip$`));
  const file = test.info().outputPath('package.zip');
  await download.saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);

  await page.goto('/evidence/verify');
  await page.getByLabel('Package (.zip)').setInputFiles(file);
  await page.getByRole('button', { name: 'Verify' }).click();
  const result = page.getByTestId('verification-result');
  await expect(result.getByRole('heading', { level: 2 })).toHaveText('Verified: every file matches its signed manifest');
  await expect(result).toContainText(fingerprint);
  await expect(result).toContainText('Demo Health System');

  // The download is in the app audit log, under the auditor's name.
  await page.goto('/audit-log');
  await expect(page.getByRole('row', { name: new RegExp(`${demoAccount('auditor').email}.*evidence\\.download.*success`) }).first()).toBeVisible();
});

test('the verification page names the file that was changed', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/evidence');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('evidence-package-row').filter({ has: page.getByTestId('package-status') }).first().getByRole('link', { name: /^Download/ }).click();
  const original = test.info().outputPath('original.zip');
  await (await downloading).saveAs(original);
  // Flip one byte inside the stored (uncompressed) PDF entry: the archive stays readable.
  const bytes = fs.readFileSync(original);
  const at = bytes.indexOf(Buffer.from('%PDF-')) + 200;
  bytes[at] = bytes[at] ^ 0x01;
  const tampered = test.info().outputPath('tampered.zip');
  fs.writeFileSync(tampered, bytes);

  await page.goto('/evidence/verify');
  await page.getByLabel('Package (.zip)').setInputFiles(tampered);
  await page.getByRole('button', { name: 'Verify' }).click();
  const result = page.getByTestId('verification-result');
  await expect(result.getByRole('heading', { level: 2 })).toHaveText('Not verified');
  await expect(page.getByTestId('verification-problems')).toContainText('report.pdf');
});

test('an auditor cannot export a period that starts before their access window', async ({ page }) => {
  const auditor = demoAccount('auditor');
  const dbh = new Database(E2E_DB_FILE);
  const original = dbh.prepare('SELECT validFrom FROM "User" WHERE email = ?').get(auditor.email) as { validFrom: unknown };
  try {
    dbh.prepare('UPDATE "User" SET validFrom = ? WHERE email = ?').run(new Date(`${day(-3)}T00:00:00Z`).toISOString(), auditor.email);
    await signInAs(page, 'auditor');
    await page.goto('/evidence');
    const form = page.getByRole('form', { name: 'Create an evidence package' });
    await form.getByLabel('From (first day, UTC)').fill(day(-30));
    await form.getByLabel('To (last day, included)').fill(day(-1));
    await form.getByRole('button', { name: 'Create package' }).click();
    await expect(form.getByRole('alert')).toContainText('outside your access window');
    // What was typed is kept for correcting it.
    await expect(form.getByLabel('From (first day, UTC)')).toHaveValue(day(-30));
  } finally {
    dbh.prepare('UPDATE "User" SET validFrom = ? WHERE email = ?').run(original.validFrom, auditor.email);
    dbh.close();
  }
});
